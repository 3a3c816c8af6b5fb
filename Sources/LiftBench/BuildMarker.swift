import Foundation
import LiftCore

/// The file beside the benchmark database that says for what size and day it was built.
struct BuildMarker {
    let url: URL

    init(path: String) {
        url = URL(fileURLWithPath: path + ".build")
    }

    /// The build day, when the database was built for this size.
    func day(elevators: Int, records: Int) -> CivilDate? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard fields.count == 3, fields[0] == elevators, fields[1] == records else { return nil }
        return CivilDate(daysSinceEpoch: fields[2])
    }

    func write(elevators: Int, records: Int, day: CivilDate) throws {
        try Data("\(elevators) \(records) \(day.daysSinceEpoch)\n".utf8).write(to: url, options: .atomic)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
