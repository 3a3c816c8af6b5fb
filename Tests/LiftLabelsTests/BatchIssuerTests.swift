import Foundation
import LiftCore
import LiftCrypto
import LiftStore
import Testing

@testable import LiftLabels

@Suite struct BatchIssuerTests {
    /// A format fixture's key ring K1 and folders, a fresh database beside them, and an issuer over both.
    struct Fixture {
        let base: FormatFixture
        let database: AppDatabase
        let issuer: BatchIssuer
        let drawing: BatchDrawing

        init() throws {
            base = try FormatFixture()
            let database = try AppDatabase.open(path: base.folder("liftcode.sqlite").path)
            self.database = database
            issuer = BatchIssuer(ledger: database, keys: base.ring)
            drawing = BatchDrawing(layout: try shippedLayout("a4"), layoutName: "a4", font: base.font)
        }

        var directory: TemporaryDirectory { base.directory }
        var ring: KeyRing { base.ring }
        var output: URL { base.output }

        func order(count: Int, drawing: BatchDrawing? = nil) -> BatchOrder {
            BatchOrder(
                district: District(digit: 0, name: "崇川区"), selection: .fresh(count: count), keyID: "K1",
                baseURL: "HTTPS://LC.EXAMPLE.CN", drawing: drawing ?? self.drawing, outputRoot: output)
        }
    }

    @Test func aBatchIsInTheLedgerBeforeItIsDrawnAndResumesByteForByte() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let job = try await fixture.issuer.issue(fixture.order(count: 20))
        // Recorded, and nothing drawn yet.
        let recorded = try #require(try await fixture.database.batch(id: job.batch.summary.id))
        #expect(recorded.labels == job.batch.labels && recorded.labels.count == 20)
        #expect(!FileManager.default.fileExists(atPath: fixture.output.path))

        let first = try job.draw()
        #expect(first.files.map(\.lastPathComponent) == ["sheet-0001.png", "sheet-0002.png"] && first.renderedFiles == 2)
        let verifier = LabelVerifier(signatures: fixture.ring)
        let codes = try FormatFixture.manifestRows(first).map { $0[6] }
        #expect(codes.count == 20 && codes.allSatisfy { verifier.verify($0) { _ in false }.outcome == .genuine })
        let originals = try first.files.map { try Data(contentsOf: $0) }

        // Resuming takes the drawing from batch.json and redraws only the missing sheet.
        try FileManager.default.removeItem(at: first.files[1])
        var offered: [BatchRecord?] = []
        let resumed = try await fixture.issuer.resume(job.batch.summary.id, outputRoot: fixture.output) { summary, record in
            offered.append(record)
            #expect(summary.id == job.batch.summary.id)
            return BatchDrawing(record: try #require(record))
        }.draw()
        #expect(offered.count == 1 && offered[0]?.count == 20 && offered[0]?.layout == "a4")
        #expect(resumed.renderedFiles == 1)
        #expect(try resumed.files.map { try Data(contentsOf: $0) } == originals)

        // A folder without batch.json is drawn as the caller says, to the same bytes.
        let fresh = fixture.directory.url.appendingPathComponent("fresh")
        let again = try await fixture.issuer.resume(job.batch.summary.id, outputRoot: fresh) { _, record in
            #expect(record == nil)
            return fixture.drawing
        }.draw()
        #expect(try again.files.map { try Data(contentsOf: $0) } == originals)
    }

    @Test func codesThatDoNotFitRecordNothing() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        var zpl = fixture.drawing
        zpl.format = .zpl  // an A4 sheet layout cannot be drawn on a roll
        await #expect {
            try await fixture.issuer.issue(fixture.order(count: 5, drawing: zpl))
        } throws: { error in
            guard case .doesNotFit(let baseURL, let reason) = error as? BatchIssueError else { return false }
            return baseURL == "HTTPS://LC.EXAMPLE.CN" && reason.contains("roll")
        }
        await #expect(throws: KeyError.self) {
            var order = fixture.order(count: 5)
            order.keyID = "K9"
            _ = try await fixture.issuer.issue(order)
        }
        #expect(try await fixture.database.batches().isEmpty)
    }

    @Test func resumingNeedsABatchOfTheLedgerAndAReadableRecord() async throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        await #expect(throws: BatchError.unknownBatch("B20200101-0009")) {
            try await fixture.issuer.resume("B20200101-0009", outputRoot: fixture.output) { _, _ in fixture.drawing }
        }
        let job = try await fixture.issuer.issue(fixture.order(count: 2))
        let folder = BatchFolder(root: fixture.output, batchID: job.batch.summary.id)
        try FileManager.default.createDirectory(at: folder.directory, withIntermediateDirectories: true)
        try Data("{\"batch\":".utf8).write(to: folder.recordFile)
        await #expect {
            try await fixture.issuer.resume(job.batch.summary.id, outputRoot: fixture.output) { _, _ in fixture.drawing }
        } throws: { error in
            guard case .unreadableRecord(let path, _) = error as? BatchIssueError else { return false }
            return path == folder.recordFile.path
        }
    }
}
