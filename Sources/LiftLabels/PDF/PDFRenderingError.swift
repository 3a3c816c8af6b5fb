/// cairo could not make a PDF.
public struct PDFRenderingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    init(_ what: String, status: UInt32) {
        message = "\(what): cairo status \(status)"
    }

    public var description: String { message }
}
