import Foundation
import LiftCore
import LiftCrypto

/// The labels of each sheet with their signed codes and manifest rows; shared by the workers.
struct SheetWork: Sendable {
    let labels: [LedgerLabel]
    let baseURL: String
    let district: String
    let rescueCodes: [String: String]
    let plan: BatchPlan
    let columns: Int
    let signer: LabelSigner

    /// Signs the labels of sheet `sheet` and makes its manifest rows.
    func labels(ofSheet sheet: Int) throws -> (labels: [PrintedLabel], manifestRows: Data) {
        let range = plan.labels(ofSheet: sheet)
        let first = plan.firstPosition(ofSheet: sheet)
        var printed: [PrintedLabel] = []
        printed.reserveCapacity(range.count)
        var rows = ""
        for (index, label) in labels[range].enumerated() {
            let position = first + index
            let code = try signer.code(baseURL: baseURL, label: label.id)
            let number = code.number.description
            printed.append(PrintedLabel(code: code, district: district, rescueCode: rescueCodes[number]))
            rows += "\(sheet + 1),\(position / columns + 1),\(position % columns + 1),\(number),\(code.serial),\(code.keyID),\(code.text)\n"
        }
        return (printed, Data(rows.utf8))
    }

    /// How many labels the sheets hold.
    func labelCount(ofSheets sheets: Range<Int>) -> Int {
        sheets.reduce(0) { $0 + plan.labels(ofSheet: $1).count }
    }
}
