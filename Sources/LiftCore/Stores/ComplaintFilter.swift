import Foundation

/// Which complaints to list.
public struct ComplaintFilter: Sendable {
    public var routedTo: String?
    public var workerLogin: String?
    public var userUnit: String?
    public var district: String?
    public var street: String?
    public var number: NNumber?
    public var openOnly: Bool
    public var limit: Int

    public init(
        routedTo: String? = nil, workerLogin: String? = nil, userUnit: String? = nil, district: String? = nil,
        street: String? = nil, number: NNumber? = nil, openOnly: Bool = false, limit: Int = 200
    ) {
        self.routedTo = routedTo
        self.workerLogin = workerLogin
        self.userUnit = userUnit
        self.district = district
        self.street = street
        self.number = number
        self.openOnly = openOnly
        self.limit = limit
    }
}
