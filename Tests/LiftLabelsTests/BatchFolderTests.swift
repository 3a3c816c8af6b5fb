import Foundation
import LiftCore
import Testing

@testable import LiftLabels

@Suite struct BatchFolderTests {
    @Test func aFileIsWrittenWholeUnderItsNameOrNotAtAll() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = BatchFolder(root: directory.url, batchID: "B20261125-0001")
        try FileManager.default.createDirectory(at: folder.directory, withIntermediateDirectories: true)
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }  // larger than the writer's buffer
        let file = folder.directory.appendingPathComponent("sheet-0001.png")
        try folder.write(bytes, to: file)
        #expect(try Array(Data(contentsOf: file)) == bytes)

        // A directory squats on the name: the rename fails, the error names the file, no partial file stays.
        let squatted = folder.directory.appendingPathComponent("sheet-0002.png")
        try FileManager.default.createDirectory(at: squatted, withIntermediateDirectories: true)
        #expect(throws: BatchFileError.self) { try folder.write(bytes, to: squatted) }
        do {
            try folder.write(bytes, to: squatted)
        } catch {
            #expect("\(error)".contains(squatted.path))
        }
        // A stream dropped before its commit leaves nothing behind either.
        do {
            let stream = try folder.stream(to: folder.directory.appendingPathComponent("sheets-0001-0002.pdf"))
            stream.append("%PDF-")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.directory.path).sorted() == ["sheet-0001.png", "sheet-0002.png"])
    }

    @Test func batchJSONIsWrittenOnceAndThenOnlyChecked() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let batch = makeBatch(numbers: 1...3, keyID: "K1")
        let folder = BatchFolder(root: directory.url, batchID: batch.summary.id)
        let record = BatchRecord(
            batch: batch.summary.id, district: batch.summary.district, range: nil, count: 3, key: "K1", baseURL: batch.summary.baseURL,
            layout: "a4", created: batch.summary.createdAt, sheets: 1, labelsPerSheet: 16, layoutSettings: try shippedLayout("a4"),
            font: try FontLocator.system.locate(), rescueCodes: [:], format: nil, skip: nil)
        try folder.open(for: record)
        #expect(try folder.record() == record)
        #expect(try Data(contentsOf: folder.recordFile) == record.encoded())

        // Leftovers of an interrupted run go; the same record is accepted again, another one refused.
        try Data("half".utf8).write(to: BatchFolder.partialFile(for: folder.manifestFile))
        try folder.open(for: record)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.directory.path) == [BatchRecord.fileName])
        var other = record
        other.skip = 2
        #expect(throws: BatchError.recordMismatch(path: folder.recordFile.path)) { try folder.open(for: other) }
    }
}
