import Foundation

/// What an upload stored, or found already stored.
public struct MaintenanceUpload: Sendable, Hashable {
    public var entry: MaintenanceEntry
    /// The worker had already uploaded this client id: nothing new was written.
    public var isRetry: Bool

    public init(entry: MaintenanceEntry, isRetry: Bool) {
        self.entry = entry
        self.isRetry = isRetry
    }
}
