/// A growable byte buffer that C code can write into directly, kept from sheet to sheet.
struct ByteAccumulator {
    private(set) var storage: [UInt8] = []
    private(set) var count = 0

    /// Forgets the contents, keeping the storage.
    mutating func removeAll() { count = 0 }

    /// Makes room for at least `extra` more bytes.
    mutating func reserve(_ extra: Int) {
        let needed = count + extra
        guard storage.count < needed else { return }
        storage.append(contentsOf: repeatElement(0, count: max(needed, 2 * storage.count) - storage.count))
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        storage.withUnsafeMutableBytes { storage in
            UnsafeMutableRawBufferPointer(rebasing: storage[count..<count + bytes.count]).copyMemory(from: bytes)
        }
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Lets `body` write into the spare room; it returns how many bytes it wrote and a result.
    mutating func fill<Result>(_ body: (UnsafeMutableBufferPointer<UInt8>) -> (written: Int, result: Result)) -> Result {
        let start = count
        let (written, result) = storage.withUnsafeMutableBufferPointer { storage in
            body(UnsafeMutableBufferPointer(rebasing: storage[start...]))
        }
        count += written
        return result
    }

    /// The contents as an array, without copying; the accumulator is left empty.
    mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &storage)
        taken.removeLast(taken.count - count)
        count = 0
        return taken
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
}
