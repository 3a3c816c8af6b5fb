/// A label path exactly as labels print it ("N006109-1-K1-<103 base32 characters>", either case,
/// nothing around it), read in one pass over its bytes: the fast way ``LabelCode/parse(path:baseURL:)``
/// tries first. It accepts only what the general parser accepts too, and yields the same code; any
/// other text (white space, a wrong length, a stray character) is left to the general parser,
/// which says what is wrong.
struct WellFormedPath {
    private let number: NNumber
    private let serial: Int
    private let keyID: String
    private let signature: [UInt8]

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        // "N" + 6 digits, "-", 1-4 digits, "-", 1-4 key characters, "-", 103 signature characters.
        guard (115...121).contains(bytes.count) else { return nil }
        var index = bytes.startIndex
        func next() -> UInt8? {
            guard index != bytes.endIndex else { return nil }
            defer { index = bytes.index(after: index) }
            return bytes[index]
        }
        func upper(_ byte: UInt8) -> UInt8 {
            byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
        }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

        guard let n = next(), upper(n) == UInt8(ascii: "N") else { return nil }
        var value = 0
        for _ in 0..<6 {
            guard let byte = next(), isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard next() == UInt8(ascii: "-"), let number = NNumber(value: value) else { return nil }

        var serial = 0
        var serialDigits = 0
        while let byte = next(), byte != UInt8(ascii: "-") {
            guard isDigit(byte), serialDigits < 4, serialDigits > 0 || byte != UInt8(ascii: "0") else { return nil }
            serial = serial * 10 + Int(byte - UInt8(ascii: "0"))
            serialDigits += 1
        }
        guard serialDigits > 0 else { return nil }

        var keyID: [UInt8] = []
        while let byte = next(), byte != UInt8(ascii: "-") {
            let character = upper(byte)
            guard keyID.count < 4, isDigit(character) || (character >= UInt8(ascii: "A") && character <= UInt8(ascii: "Z")) else { return nil }
            keyID.append(character)
        }
        guard !keyID.isEmpty else { return nil }

        let rest = UnsafeBufferPointer(rebasing: bytes[index...])
        guard rest.count == 103, let signature = Base32.decode(bytes: rest), signature.count == LabelCode.signatureLength else { return nil }
        self.number = number
        self.serial = serial
        self.keyID = String(decoding: keyID, as: UTF8.self)
        self.signature = signature
    }

    func code(baseURL: String) -> LabelCode {
        LabelCode(baseURL: baseURL, number: number, serial: serial, keyID: keyID, signature: signature)
    }
}
