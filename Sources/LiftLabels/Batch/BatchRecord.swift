import Foundation
import LiftCore

/// `batch.json`: what a batch folder holds and everything needed to render it again byte for byte.
///
/// Written before the first sheet; `labels resume` takes the layout, font and rescue codes from it
/// rather than from today's files, so a resumed sheet is identical to the one a crash interrupted.
public struct BatchRecord: Sendable, Codable, Equatable {
    /// The first and last numbers of a batch (a batch of registered elevators may have gaps).
    public struct NumberRange: Sendable, Codable, Equatable {
        public var first: NNumber
        public var last: NNumber
    }

    public var batch: String
    public var district: District
    public var range: NumberRange?
    public var count: Int
    /// The key id that signed every label.
    public var key: String
    public var baseURL: String
    /// The layout's name (its file name without .json).
    public var layout: String
    public var created: Date
    public var sheets: Int
    public var labelsPerSheet: Int
    /// The layout as it was when the batch was issued.
    public var layoutSettings: SheetLayout
    public var font: FontFile
    /// The 96333 rescue codes printed, by N-number.
    public var rescueCodes: [String: String]
    /// The format drawn; absent for PNG (so records written before formats existed still match).
    public var format: LabelFormat?
    /// Positions left blank at the start of the first sheet; absent for none.
    public var skip: Int?

    /// The record's file name in a batch folder.
    public static let fileName = "batch.json"

    /// The JSON text as written: sorted keys, so the same batch always gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads `batch.json`, or returns nil when the file does not exist.
    public static func read(from file: URL) throws -> BatchRecord? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BatchRecord.self, from: Data(contentsOf: file))
    }
}
