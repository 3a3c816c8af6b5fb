import Foundation

/// One page of a list and where the next one starts.
public struct ResultPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The offset of the next page, or nil on the last page.
    public var nextOffset: Int?

    public init(items: [Item], nextOffset: Int?) {
        self.items = items
        self.nextOffset = nextOffset
    }
}
