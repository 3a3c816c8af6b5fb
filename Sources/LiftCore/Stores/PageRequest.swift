import Foundation

/// Which page of a list to return.
public struct PageRequest: Sendable, Hashable {
    /// The largest page the API hands out; exports stream instead.
    public static let maximumLimit = 1000

    public var limit: Int
    public var offset: Int

    public init(limit: Int = 100, offset: Int = 0) {
        self.limit = limit
        self.offset = offset
    }
}
