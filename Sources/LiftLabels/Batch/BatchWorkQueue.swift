import Foundation

/// Hands files (a PNG sheet, a PDF of pages, a ZPL file of labels) to the workers of one batch, in
/// order, and collects what they finish: manifest rows (written in file order whatever order files
/// finish in), progress, and the first failure.
///
/// `@unchecked Sendable`: every mutable property is read and written only while holding `lock`.
final class BatchWorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let fileCount: Int
    private let totalLabels: Int
    private let manifest: StreamingFileWriter
    private let progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    private var nextFile = 0
    private var nextManifestFile = 0
    private var pendingRows: [Int: Data] = [:]
    private var doneLabels = 0
    private(set) var renderedFiles = 0
    private(set) var failure: (any Error)?

    init(fileCount: Int, totalLabels: Int, manifest: StreamingFileWriter, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
        self.fileCount = fileCount
        self.totalLabels = totalLabels
        self.manifest = manifest
        self.progress = progress
    }

    /// The next file to draw, or nil when all are taken or a worker failed.
    func takeFile() -> Int? {
        lock.withLock {
            guard failure == nil, nextFile < fileCount else { return nil }
            defer { nextFile += 1 }
            return nextFile
        }
    }

    /// Records a finished file: its manifest rows are appended once every earlier file's are (a write
    /// error surfaces when the manifest is committed).
    func complete(file: Int, manifestRows: Data, labels: Int, rendered: Bool) {
        lock.withLock {
            guard failure == nil else { return }
            pendingRows[file] = manifestRows
            while let rows = pendingRows.removeValue(forKey: nextManifestFile) {
                rows.withUnsafeBytes { manifest.append($0) }
                nextManifestFile += 1
            }
            doneLabels += labels
            if rendered { renderedFiles += 1 }
            progress?(doneLabels, totalLabels)
        }
    }

    /// Stops the batch: workers take no further files, and the first error is what the batch throws.
    func fail(_ error: any Error) {
        lock.withLock {
            if failure == nil { failure = error }
        }
    }

    /// The first failure, read under the lock after the workers are done.
    var firstFailure: (any Error)? {
        lock.withLock { failure }
    }

    /// Files drawn, read under the lock after the workers are done.
    var filesRendered: Int {
        lock.withLock { renderedFiles }
    }
}
