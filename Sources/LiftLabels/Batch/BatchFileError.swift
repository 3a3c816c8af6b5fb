/// A batch file could not be written.
public enum BatchFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case failed(path: String, reason: String)

    public var description: String {
        switch self {
        case .failed(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
