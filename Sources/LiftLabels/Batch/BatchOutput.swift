import Foundation

/// What rendering a batch produced.
public struct BatchOutput: Sendable {
    /// `<out>/<batch-id>/`.
    public let directory: URL
    /// Every sheet of the batch, in order.
    public let sheets: [URL]
    /// How many sheets this run drew (fewer than all when resuming).
    public let renderedSheets: Int
    public let manifest: URL
    public let record: URL
    public let labelCount: Int
}
