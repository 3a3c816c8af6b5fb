import Foundation

/// A worker's start scan, kept until the end scan turns it into a maintenance record (the console's
/// phone flow: scan at start, scan at end).
public struct VisitStart: Sendable, Hashable {
    public var workerLogin: String
    public var number: NNumber
    /// The code as scanned, or the number as typed.
    public var scan: String
    public var isTyped: Bool
    public var type: MaintenanceType
    public var at: Date
    /// A photo of the label when its number was typed (JPEG or PNG): the review's evidence.
    public var photo: LabelPhoto?

    public init(workerLogin: String, number: NNumber, scan: String, isTyped: Bool, type: MaintenanceType, at: Date, photo: LabelPhoto? = nil) {
        self.workerLogin = workerLogin
        self.number = number
        self.scan = scan
        self.isTyped = isTyped
        self.type = type
        self.at = at
        self.photo = photo
    }
}

/// A photo of a label: its bytes and their type, checked by their first bytes (not by what the
/// uploader claims).
public struct LabelPhoto: Sendable, Hashable {
    public let contentType: String
    public let data: Data

    /// The largest photo accepted.
    public static let maximumBytes = 5 * 1024 * 1024

    /// A JPEG or PNG of at most 5 MB, else nil.
    public init?(data: Data) {
        guard !data.isEmpty, data.count <= Self.maximumBytes else { return nil }
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) {
            contentType = "image/jpeg"
        } else if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            contentType = "image/png"
        } else {
            return nil
        }
        self.data = data
    }

    public init(contentType: String, data: Data) {
        self.contentType = contentType
        self.data = data
    }
}

/// Start scans waiting for their end, and the photos typed visits carry.
public protocol VisitStore: Sendable {
    /// Keeps a worker's start scan, replacing an earlier one not yet ended.
    func startVisit(_ start: VisitStart) async throws
    /// The worker's start scan waiting for its end.
    func openVisit(workerLogin: String) async throws -> VisitStart?
    /// Forgets the worker's start scan (it became a record, or was abandoned).
    func endVisit(workerLogin: String) async throws
    /// Keeps the photo a record's typed number came with.
    func savePhoto(_ photo: LabelPhoto, recordID: Int64) async throws
    /// A record's photo.
    func photo(recordID: Int64) async throws -> LabelPhoto?
}
