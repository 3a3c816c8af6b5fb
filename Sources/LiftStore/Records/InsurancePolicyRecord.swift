import GRDB
import LiftCore

/// A row of `insurancePolicy`: the insurance that covers one elevator.
struct InsurancePolicyRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "insurancePolicy"

    var id: Int64?
    var number: Int
    var insurer: String
    var policyNumber: String
    var coverage: String
    var validFrom: String
    var validTo: String
    var claimsPhone: String?

    enum Columns {
        static let number = Column(CodingKeys.number)
        static let validTo = Column(CodingKeys.validTo)
    }

    init(number: NNumber, insurance: Insurance) {
        self.number = number.value
        insurer = insurance.insurer
        policyNumber = insurance.policyNumber
        coverage = insurance.coverage
        validFrom = insurance.validFrom.description
        validTo = insurance.validTo.description
        claimsPhone = insurance.claimsPhone
    }

    var insurance: Insurance? {
        guard let from = try? CivilDate(parsing: validFrom), let to = try? CivilDate(parsing: validTo) else { return nil }
        return Insurance(insurer: insurer, policyNumber: policyNumber, coverage: coverage, validFrom: from, validTo: to, claimsPhone: claimsPhone)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
