import Foundation

/// Hands sheets to the workers of one batch, in order, and collects what they finish: manifest rows
/// (written in sheet order whatever order sheets finish in), progress, and the first failure.
///
/// `@unchecked Sendable`: every mutable property is read and written only while holding `lock`.
final class BatchWorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let sheetCount: Int
    private let totalLabels: Int
    private let manifest: FileHandle
    private let progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    private var nextSheet = 0
    private var nextManifestSheet = 0
    private var pendingRows: [Int: Data] = [:]
    private var doneLabels = 0
    private(set) var renderedSheets = 0
    private(set) var failure: (any Error)?

    init(sheetCount: Int, totalLabels: Int, manifest: FileHandle, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
        self.sheetCount = sheetCount
        self.totalLabels = totalLabels
        self.manifest = manifest
        self.progress = progress
    }

    /// The next sheet to draw, or nil when all are taken or a worker failed.
    func takeSheet() -> Int? {
        lock.withLock {
            guard failure == nil, nextSheet < sheetCount else { return nil }
            defer { nextSheet += 1 }
            return nextSheet
        }
    }

    /// Records a finished sheet: its manifest rows are written once every earlier sheet's are.
    func complete(sheet: Int, manifestRows: Data, labels: Int, rendered: Bool) {
        lock.withLock {
            guard failure == nil else { return }
            pendingRows[sheet] = manifestRows
            do {
                while let rows = pendingRows.removeValue(forKey: nextManifestSheet) {
                    try manifest.write(contentsOf: rows)
                    nextManifestSheet += 1
                }
            } catch {
                failure = error
                return
            }
            doneLabels += labels
            if rendered { renderedSheets += 1 }
            progress?(doneLabels, totalLabels)
        }
    }

    /// Stops the batch: workers take no further sheets, and the first error is what the batch throws.
    func fail(_ error: any Error) {
        lock.withLock {
            if failure == nil { failure = error }
        }
    }

    /// The first failure, read under the lock after the workers are done.
    var firstFailure: (any Error)? {
        lock.withLock { failure }
    }

    /// Sheets drawn, read under the lock after the workers are done.
    var sheetsRendered: Int {
        lock.withLock { renderedSheets }
    }
}
