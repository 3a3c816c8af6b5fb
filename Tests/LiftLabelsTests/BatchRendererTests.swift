import Foundation
import LiftCore
import LiftCrypto
import Testing

@testable import LiftLabels

@Suite struct BatchRendererTests {
    /// A key ring with a fresh K1 in a temporary directory, and a renderer signing with it.
    struct Fixture {
        let directory: TemporaryDirectory
        let ring: KeyRing
        let renderer: BatchRenderer
        let output: URL

        init(layout: String = "a4") throws {
            directory = try TemporaryDirectory()
            let keys = directory.url.appendingPathComponent("Keys")
            try KeyRing.generate(id: "K1", in: keys)
            ring = try KeyRing(directory: keys)
            renderer = BatchRenderer(
                layout: try shippedLayout(layout), layoutName: layout, font: try FontLocator.system.locate(),
                signer: try ring.signer(for: "K1"))
            output = directory.url.appendingPathComponent("out")
        }
    }

    @Test func everyPrintedCodeScansAndVerifies() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let batch = makeBatch(numbers: 1...48, keyID: "K1")
        let rescue = [NNumber(value: 7)!: "005248"]
        let progress = ProgressLog()
        let output = try fixture.renderer.render(batch, rescueCodes: rescue, into: fixture.output) { done, total in
            progress.append(done, total)
        }
        #expect(output.files.map(\.lastPathComponent) == ["sheet-0001.png", "sheet-0002.png", "sheet-0003.png"])
        #expect(output.renderedFiles == 3)
        #expect(progress.calls.last?.done == 48 && progress.calls.allSatisfy { $0.total == 48 })
        #expect(progress.calls.map(\.done) == progress.calls.map(\.done).sorted())
        keepForInspection(output)

        let geometry = try fixture.renderer.geometry(baseURL: batch.summary.baseURL)
        let verifier = LabelVerifier(signatures: fixture.ring)
        let manifestRows = try String(contentsOf: output.manifest, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(manifestRows.count == 48)
        var decodedNumbers: [NNumber] = []
        for (sheetIndex, sheet) in output.files.enumerated() {
            let image = try GrayImage(contentsOf: sheet)
            #expect(image.width == 2480 && image.height == 3508)
            for (position, origin) in geometry.labelOrigins.enumerated() {
                let texts = image.decodeQRCodes(x: origin.x, y: origin.y, width: geometry.labelWidth, height: geometry.labelHeight)
                let index = sheetIndex * 16 + position
                guard index < 48 else {
                    #expect(texts.isEmpty)
                    continue
                }
                try #require(texts.count == 1, "sheet \(sheetIndex + 1) label \(position + 1) gave \(texts)")
                let verdict = verifier.verify(texts[0]) { _ in false }
                #expect(verdict.outcome == .genuine, "\(texts[0]): \(verdict.reason)")
                decodedNumbers.append(try #require(verdict.number))
                let row = manifestRows[manifestRows.startIndex + index].split(separator: ",").map(String.init)
                #expect(row == [
                    "\(sheetIndex + 1)", "\(position / 4 + 1)", "\(position % 4 + 1)", verdict.number!.description, "1", "K1",
                    texts[0],
                ])
            }
        }
        #expect(decodedNumbers.sorted() == batch.labels.map(\.id.number))

        // Every decoded code is what openssl would verify too: the signer is deterministic.
        let record = try #require(try BatchRecord.read(from: output.record))
        #expect(record.count == 48 && record.sheets == 3 && record.labelsPerSheet == 16)
        #expect(record.range == BatchRecord.NumberRange(first: NNumber(value: 1)!, last: NNumber(value: 48)!))
        #expect(record.district.name == "崇川区" && record.key == "K1" && record.layout == "a4")
        #expect(record.rescueCodes == ["N000007": "005248"])
        #expect(record.created == batch.summary.createdAt)
    }

    @Test func skipLeavesTheFirstPositionsOfTheFirstSheetBlank() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        var renderer = fixture.renderer
        renderer.skip = 5
        let batch = makeBatch(numbers: 1...20, keyID: "K1")
        let output = try renderer.render(batch, into: fixture.output)
        #expect(output.files.count == 2 && output.sheetCount == 2)
        let geometry = try renderer.geometry(baseURL: batch.summary.baseURL)
        let verifier = LabelVerifier(signatures: fixture.ring)
        let rows = try String(contentsOf: output.manifest, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        var found: [NNumber] = []
        for (sheet, file) in output.files.enumerated() {
            let image = try GrayImage(contentsOf: file)
            for (position, origin) in geometry.labelOrigins.enumerated() {
                let texts = image.decodeQRCodes(x: origin.x, y: origin.y, width: geometry.labelWidth, height: geometry.labelHeight)
                let index = sheet * 16 + position - 5
                guard (0..<20).contains(index) else {
                    #expect(texts.isEmpty, "sheet \(sheet + 1) position \(position + 1) is not blank")
                    continue
                }
                try #require(texts.count == 1)
                found.append(try #require(verifier.verify(texts[0]) { _ in false }.number))
                #expect(rows[index][0...2].map(String.init) == ["\(sheet + 1)", "\(position / 4 + 1)", "\(position % 4 + 1)"])
            }
        }
        #expect(found == batch.labels.map(\.id.number))
        #expect(try BatchRecord.read(from: output.record)?.skip == 5)
        renderer.skip = 16
        #expect(throws: BatchError.badSkip(skip: 16, labelsPerSheet: 16, format: .png)) {
            try renderer.render(batch, into: fixture.directory.url.appendingPathComponent("other"))
        }
    }

    @Test func sheetsCarryTheirResolution() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let output = try fixture.renderer.render(makeBatch(numbers: 1...3, keyID: "K1"), into: fixture.output)
        let chunks = try pngChunks(of: output.files[0])
        let header = try #require(chunks["IHDR"])
        #expect(header[8] == 1 && header[9] == 0)  // 1-bit grayscale
        let physical = try #require(chunks["pHYs"])
        let perMetre = physical[0..<4].reduce(0) { $0 << 8 | Int($1) }
        #expect(perMetre == 11811)  // 300 dpi
        #expect(physical[4..<8].reduce(0) { $0 << 8 | Int($1) } == 11811)
        #expect(physical[8] == 1)  // the unit is the metre
        #expect(chunks["IEND"] != nil)
    }

    @Test func resumeRedrawsMissingAndBrokenSheetsByteForByte() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let batch = makeBatch(numbers: 1...48, keyID: "K1")
        let first = try fixture.renderer.render(batch, into: fixture.output)
        let originals = try first.files.map { try Data(contentsOf: $0) }
        let manifest = try Data(contentsOf: first.manifest)
        let record = try Data(contentsOf: first.record)

        // A crash: one sheet gone, one cut short under its final name, a partial sheet and manifest left behind.
        try FileManager.default.removeItem(at: first.files[1])
        try originals[2].prefix(originals[2].count / 2).write(to: first.files[2])
        try originals[1].prefix(1000).write(to: BatchFolder.partialFile(for: first.files[1]))
        try FileManager.default.removeItem(at: first.manifest)
        try Data("sheet,row".utf8).write(to: BatchFolder.partialFile(for: first.manifest))

        let resumed = try fixture.renderer.render(batch, into: fixture.output)
        #expect(resumed.renderedFiles == 2)
        #expect(try resumed.files.map { try Data(contentsOf: $0) } == originals)
        #expect(try Data(contentsOf: resumed.manifest) == manifest)
        #expect(try Data(contentsOf: resumed.record) == record)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: resumed.directory.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)

        // Rendering the same batch elsewhere gives the same bytes: rendering is deterministic.
        let elsewhere = try fixture.renderer.render(batch, into: fixture.directory.url.appendingPathComponent("again"))
        #expect(try elsewhere.files.map { try Data(contentsOf: $0) } == originals)
    }

    @Test func aSheetThatCannotBeWrittenStopsTheBatchWithItsName() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let batch = makeBatch(numbers: 1...80, keyID: "K1")
        // A directory squats on the second sheet's name, so the file thread's rename fails.
        let directory = fixture.output.appendingPathComponent(batch.summary.id)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("sheet-0002.png"), withIntermediateDirectories: true)
        #expect {
            try fixture.renderer.render(batch, into: fixture.output)
        } throws: { error in
            "\(error)".contains("sheet-0002.png")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!names.contains(BatchRenderer.manifestFileName))
        #expect(!names.contains { $0.hasSuffix(".partial") && $0.hasPrefix("sheet-0002") })
    }

    @Test func aBatchIsOnlyResumedWithTheSettingsItWasIssuedWith() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        let batch = makeBatch(numbers: 1...3, keyID: "K1")
        _ = try fixture.renderer.render(batch, into: fixture.output)
        var other = fixture.renderer
        other.layout = try shippedLayout("a4-harsh")
        #expect {
            try other.render(batch, into: fixture.output)
        } throws: { error in
            guard let error = error as? BatchError, case .recordMismatch = error else { return false }
            return true
        }
    }

    @Test func aBatchSignedWithAnotherKeyIsRefused() throws {
        let fixture = try Fixture()
        defer { fixture.directory.remove() }
        #expect(throws: BatchError.keyMismatch(batch: "B20261125-0001", batchKey: "K2", signerKey: "K1")) {
            try fixture.renderer.render(makeBatch(numbers: 1...3, keyID: "K2"), into: fixture.output)
        }
    }

    @Test func theHarshLayoutScansToo() throws {
        let fixture = try Fixture(layout: "a4-harsh")
        defer { fixture.directory.remove() }
        let batch = makeBatch(numbers: 100_001...100_012, keyID: "K1", layout: "a4-harsh")
        let output = try fixture.renderer.render(batch, into: fixture.output)
        #expect(output.files.count == 1)
        keepForInspection(output)
        let geometry = try fixture.renderer.geometry(baseURL: batch.summary.baseURL)
        #expect(geometry.qrVersion == 8)
        let image = try GrayImage(contentsOf: output.files[0])
        let verifier = LabelVerifier(signatures: fixture.ring)
        for origin in geometry.labelOrigins {
            let texts = image.decodeQRCodes(x: origin.x, y: origin.y, width: geometry.labelWidth, height: geometry.labelHeight)
            #expect(texts.count == 1 && verifier.verify(texts[0]) { _ in false }.outcome == .genuine)
        }
    }

    /// Copies a batch's first sheet to $LIFTLABELS_KEEP_SHEETS, for looking at it.
    private func keepForInspection(_ output: BatchOutput) {
        guard let keep = ProcessInfo.processInfo.environment["LIFTLABELS_KEEP_SHEETS"] else { return }
        let target = URL(fileURLWithPath: keep).appendingPathComponent(output.directory.lastPathComponent + "-" + output.files[0].lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try? FileManager.default.copyItem(at: output.files[0], to: target)
    }
}

/// Progress callbacks as received, for checking their order.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [(done: Int, total: Int)] = []

    func append(_ done: Int, _ total: Int) {
        lock.withLock { log.append((done, total)) }
    }

    var calls: [(done: Int, total: Int)] { lock.withLock { log } }
}
