import Foundation

/// A request to issue a batch.
public struct BatchRequest: Sendable, Hashable {
    public var district: District
    public var selection: BatchSelection
    public var keyID: String
    /// The label base URL, normalised (upper case, no trailing slash).
    public var baseURL: String
    /// The layout's name (its file name without .json).
    public var layout: String
    public var createdAt: Date

    public init(district: District, selection: BatchSelection, keyID: String, baseURL: String, layout: String, createdAt: Date) {
        self.district = district
        self.selection = selection
        self.keyID = keyID
        self.baseURL = baseURL
        self.layout = layout
        self.createdAt = createdAt
    }
}
