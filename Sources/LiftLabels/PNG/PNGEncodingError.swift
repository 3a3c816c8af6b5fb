/// A sheet could not be encoded.
public enum PNGEncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    case failed(String)

    public var description: String {
        switch self {
        case .failed(let reason): "cannot encode sheet: \(reason)"
        }
    }
}
