import Foundation
import LiftCore

/// Writes elevators as the platform's registry export (Chinese headers), for import benchmarks.
public struct RegistryCSVWriter {
    public static let header = "电梯编号,96333识别码,注册代码,地址,楼盘名称,行政区划,街道办,单位内部编号,下次检验日期,使用单位,维保单位,制造单位\n"

    /// Writes the rows to `url`, buffered.
    public static func write(_ elevators: some Sequence<Elevator>, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = header
        for elevator in elevators {
            let fields: [String?] = [
                elevator.number.description, elevator.rescueCode, elevator.registrationCode, elevator.address,
                elevator.building, elevator.district, elevator.street, elevator.internalNumber,
                elevator.nextInspection?.description, elevator.userUnit, elevator.maintenanceUnit, elevator.manufacturer,
            ]
            buffer += fields.map { quote($0 ?? "") }.joined(separator: ",") + "\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
