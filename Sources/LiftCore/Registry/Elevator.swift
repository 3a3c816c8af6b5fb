import Foundation

/// An elevator as the registry knows it: every fact of the platform's elevator list.
public struct Elevator: Sendable, Hashable, Codable {
    public var number: NNumber
    /// The 96333 emergency line's code for this elevator (识别码), when known.
    public var rescueCode: String?
    /// The national registration code (注册代码).
    public var registrationCode: String?
    public var address: String
    /// The building or estate (楼盘名称).
    public var building: String?
    public var district: String
    /// The street office (街道办) that supervises it.
    public var street: String?
    /// The user unit's own number for it (单位内部编号).
    public var internalNumber: String?
    /// The next statutory inspection (下次检验日期).
    public var nextInspection: CivilDate?
    /// The user unit (使用单位): the property manager responsible for it.
    public var userUnit: String?
    /// The maintenance unit (维保单位).
    public var maintenanceUnit: String?
    /// The manufacturer (制造单位).
    public var manufacturer: String?
    /// Out of service (停用): never overdue.
    public var isStopped: Bool
    /// Classified (涉秘): the public page shows only number, status and the complaint form.
    public var isClassified: Bool

    public init(
        number: NNumber, rescueCode: String? = nil, registrationCode: String? = nil, address: String,
        building: String? = nil, district: String, street: String? = nil, internalNumber: String? = nil,
        nextInspection: CivilDate? = nil, userUnit: String? = nil, maintenanceUnit: String? = nil,
        manufacturer: String? = nil, isStopped: Bool = false, isClassified: Bool = false
    ) {
        self.number = number
        self.rescueCode = rescueCode
        self.registrationCode = registrationCode
        self.address = address
        self.building = building
        self.district = district
        self.street = street
        self.internalNumber = internalNumber
        self.nextInspection = nextInspection
        self.userUnit = userUnit
        self.maintenanceUnit = maintenanceUnit
        self.manufacturer = manufacturer
        self.isStopped = isStopped
        self.isClassified = isClassified
    }
}
