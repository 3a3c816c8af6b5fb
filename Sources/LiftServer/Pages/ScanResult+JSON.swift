import Foundation
import LiftCore

extension ScanResult {
    /// The answer as the API's JSON, byte for byte what `JSONEncoder` makes of it (a test holds
    /// the two together), written directly: the label route sends it on every lookup.
    var json: [UInt8] {
        var json = JSONText()
        json.beginObject()
        json.member("outcome", outcome.rawValue)
        json.member("reason", reason)
        json.member("reasonZH", reasonZH)
        json.member("label", label?.description)
        json.member("number", number?.description)
        if let elevator {
            json.key("elevator")
            elevator.write(to: &json)
        }
        json.endObject()
        return json.bytes
    }
}

extension PublicElevator {
    func write(to json: inout JSONText) {
        json.beginObject()
        json.member("number", number)
        json.member("classified", classified)
        json.member("status", status.rawValue)
        json.member("rescueCode", rescueCode)
        json.member("registrationCode", registrationCode)
        json.member("address", address)
        json.member("building", building)
        json.member("district", district)
        json.member("street", street)
        json.member("userUnit", userUnit)
        json.member("userUnitPhone", userUnitPhone)
        json.member("maintenanceUnit", maintenanceUnit)
        json.member("maintenanceUnitPhone", maintenanceUnitPhone)
        json.member("manufacturer", manufacturer)
        if let last = lastMaintenance {
            json.key("lastMaintenance")
            json.beginObject()
            json.member("endedAt", last.endedAt)
            json.member("type", last.type.rawValue)
            json.member("workerName", last.workerName)
            json.member("workerPhone", last.workerPhone)
            json.endObject()
        }
        json.member("nextHalfMonthDue", nextHalfMonthDue)
        json.member("nextInspection", nextInspection)
        json.member("inspectionOverdue", inspectionOverdue)
        if let insurance {
            json.key("insurance")
            json.beginObject()
            json.member("insurer", insurance.insurer)
            json.member("policyNumber", insurance.policyNumber)
            json.member("coverage", insurance.coverage)
            json.member("validFrom", insurance.validFrom)
            json.member("validTo", insurance.validTo)
            json.member("claimsPhone", insurance.claimsPhone)
            json.member("expired", insurance.expired)
            json.endObject()
        }
        json.endObject()
    }
}
