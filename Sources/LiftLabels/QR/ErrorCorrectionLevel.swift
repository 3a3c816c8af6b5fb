import CQREncode

/// A QR code's error-correction level: how much of the symbol may be lost and still decode.
///
/// M (15 %) suits a clean elevator car; Q (25 %) suits harsh places where labels get scratched.
public enum ErrorCorrectionLevel: String, Sendable, Codable, CaseIterable {
    case L, M, Q, H

    /// libqrencode's constant for the level.
    var qrencodeLevel: QRecLevel {
        switch self {
        case .L: QR_ECLEVEL_L
        case .M: QR_ECLEVEL_M
        case .Q: QR_ECLEVEL_Q
        case .H: QR_ECLEVEL_H
        }
    }
}
