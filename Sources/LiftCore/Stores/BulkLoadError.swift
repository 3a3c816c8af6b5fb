/// Why a bulk load stopped.
public enum BulkLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A bulk load registers new elevators only; an import updates registered ones.
    case alreadyRegistered(NNumber)
    /// A record handed in with an elevator belongs to another number.
    case recordOfAnotherElevator(elevator: NNumber, record: NNumber)

    public var description: String {
        switch self {
        case .alreadyRegistered(let number): "elevator \(number) is already registered (a bulk load only adds new elevators)"
        case .recordOfAnotherElevator(let elevator, let record):
            "a maintenance record of \(record) was handed in with elevator \(elevator)"
        }
    }
}
