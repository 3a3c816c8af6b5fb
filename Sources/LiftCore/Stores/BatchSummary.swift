import Foundation

/// A batch without its labels.
public struct BatchSummary: Sendable, Hashable, Codable {
    /// "B20261125-0001": the day and a running number.
    public var id: String
    public var district: District
    public var keyID: String
    public var baseURL: String
    public var layout: String
    public var count: Int
    public var firstNumber: NNumber?
    public var lastNumber: NNumber?
    public var createdAt: Date

    public init(id: String, district: District, keyID: String, baseURL: String, layout: String, count: Int, firstNumber: NNumber?, lastNumber: NNumber?, createdAt: Date) {
        self.id = id
        self.district = district
        self.keyID = keyID
        self.baseURL = baseURL
        self.layout = layout
        self.count = count
        self.firstNumber = firstNumber
        self.lastNumber = lastNumber
        self.createdAt = createdAt
    }
}
