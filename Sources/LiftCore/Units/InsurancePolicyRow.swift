/// How a file names an elevator: its N-number, or the registration code (注册代码) insurers use.
public enum ElevatorReference: Sendable, Hashable, CustomStringConvertible {
    case number(NNumber)
    case registrationCode(String)

    public var description: String {
        switch self {
        case .number(let number): number.description
        case .registrationCode(let code): "注册代码 \(code)"
        }
    }
}

/// One policy of an insurance file: the elevator it covers and the policy.
public struct InsurancePolicyRow: Sendable, Hashable {
    public var elevator: ElevatorReference
    public var insurance: Insurance

    public init(elevator: ElevatorReference, insurance: Insurance) {
        self.elevator = elevator
        self.insurance = insurance
    }
}
