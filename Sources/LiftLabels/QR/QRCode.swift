import CQREncode

/// A QR code symbol as a square matrix of modules, encoded by libqrencode.
///
/// The mask pattern is chosen by ``QRMaskSelector`` (same rules, a fraction of the time).
///
/// The text goes in as one segment: alphanumeric mode when every character allows it (label codes
/// are upper case precisely so that it does: 5.5 bits a character instead of 8), byte mode
/// otherwise. One segment makes the symbol's version a function of the text's length alone, so
/// every label of a batch can share one version and one geometry.
public struct QRCode: Sendable {
    /// The QR version, 1-40: the symbol is `17 + 4 × version` modules wide.
    public let version: Int
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major modules, 1 for dark and 0 for light.
    public let modules: [UInt8]

    /// The modules a symbol of `version` has per side.
    public static func size(ofVersion version: Int) -> Int { 17 + 4 * version }

    /// Encodes `text` at `level` with at least `minimumVersion` (0: the smallest that holds it).
    public init(text: String, level: ErrorCorrectionLevel, minimumVersion: Int = 0) throws(QRCodeError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .empty }
        guard (0...40).contains(minimumVersion) else { throw .badVersion(minimumVersion) }
        let mode = Self.isAlphanumeric(bytes) ? QR_MODE_AN : QR_MODE_8
        let code = try Self.encode(bytes, mode: mode, level: level, minimumVersion: minimumVersion)
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        version = Int(code.pointee.version)
        size = width
        modules = [UInt8](unsafeUninitializedCapacity: width * width) { buffer, count in
            let data = code.pointee.data!
            for index in 0..<(width * width) {
                buffer[index] = data[index] & 1
            }
            count = width * width
        }
    }

    /// Runs libqrencode, choosing the mask with ``QRMaskSelector`` where it can.
    private static func encode(
        _ bytes: [UInt8], mode: QRencodeMode, level: ErrorCorrectionLevel, minimumVersion: Int
    ) throws(QRCodeError) -> UnsafeMutablePointer<QRcode> {
        func withInput(_ body: (OpaquePointer) -> UnsafeMutablePointer<QRcode>?) throws(QRCodeError) -> UnsafeMutablePointer<QRcode> {
            guard let input = QRinput_new2(Int32(minimumVersion), level.qrencodeLevel) else {
                throw .encodingFailed("QRinput_new2 failed")
            }
            defer { QRinput_free(input) }
            guard QRinput_append(input, mode, Int32(bytes.count), bytes) == 0 else {
                throw .encodingFailed("QRinput_append failed")
            }
            guard let code = body(input) else { throw .tooLong(bytes.count) }
            return code
        }
        guard let encodeMask = QRMaskSelector.encodeMask else {
            return try withInput { QRcode_encodeInput($0) }
        }
        let first = try withInput { encodeMask($0, 0) }
        guard Int(first.pointee.width) <= QRMaskSelector.maximumWidth else {
            QRcode_free(first)
            return try withInput { QRcode_encodeInput($0) }
        }
        let mask = QRMaskSelector.bestMask(ofMaskZeroSymbol: first, level: level)
        if mask == 0 { return first }
        QRcode_free(first)
        return try withInput { encodeMask($0, Int32(mask)) }
    }

    /// Whether the module at column `x`, row `y` is dark.
    public func isDark(x: Int, y: Int) -> Bool {
        modules[y * size + x] != 0
    }

    /// Whether QR alphanumeric mode holds every byte: 0-9, A-Z, space and $%*+-./:.
    public static func isAlphanumeric(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
            case UInt8(ascii: " "), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "*"), UInt8(ascii: "+"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"):
                true
            default: false
            }
        }
    }
}

/// Why a text could not be encoded.
public enum QRCodeError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case badVersion(Int)
    case tooLong(Int)
    case encodingFailed(String)

    public var description: String {
        switch self {
        case .empty: "nothing to encode in a QR code"
        case .badVersion(let version): "QR version \(version) does not exist (1-40)"
        case .tooLong(let count): "\(count) characters do not fit in a QR code"
        case .encodingFailed(let reason): "libqrencode: \(reason)"
        }
    }
}
