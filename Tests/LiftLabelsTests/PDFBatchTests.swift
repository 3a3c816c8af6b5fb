import Foundation
import LiftCore
import LiftCrypto
import Testing

@testable import LiftLabels

/// PDF batches, read back by poppler (pdftoppm, pdfinfo, pdffonts) and zbar.
@Suite struct PDFBatchTests {
    @Test func everyCodeOfAPDFBatchScansAt300DPIAndVerifiesWhereTheManifestSaysItIs() async throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        let renderer = try fixture.renderer(layout: "a4", format: .pdf, skip: 3)
        let batch = makeBatch(numbers: 1...40, keyID: "K1")
        let output = try renderer.render(batch, rescueCodes: [NNumber(value: 7)!: "005248"], into: fixture.output)
        #expect(output.files.map(\.lastPathComponent) == ["sheets-0001-0003.pdf"])
        #expect(output.sheetCount == 3 && output.renderedFiles == 1)

        let info = try await ExternalTool.run("pdfinfo", [output.files[0].path])
        #expect(info.status == 0, "\(info.errors)")
        #expect(field("Pages", in: info.output) == "3")
        #expect(field("Page size", in: info.output) == "595.276 x 841.89 pts (A4)")

        let pages = try await rasterize(output.files[0], dotsPerInch: 300, into: fixture.folder("pages"))
        #expect(pages.count == 3)
        let geometry = try renderer.geometry(baseURL: batch.summary.baseURL)
        let verifier = LabelVerifier(signatures: fixture.ring)
        let rows = try FormatFixture.manifestRows(output)
        #expect(rows.count == 40)
        var decoded: [NNumber] = []
        for (sheet, page) in pages.enumerated() {
            let image = try GrayImage(contentsOf: page)
            #expect(abs(image.width - 2480) <= 1 && abs(image.height - 3508) <= 1)
            for (position, origin) in geometry.labelOrigins.enumerated() {
                let texts = image.decodeQRCodes(x: origin.x, y: origin.y, width: geometry.labelWidth, height: geometry.labelHeight)
                let index = sheet * 16 + position - 3
                guard (0..<40).contains(index) else {
                    #expect(texts.isEmpty, "sheet \(sheet + 1) position \(position + 1) should be blank")
                    continue
                }
                try #require(texts.count == 1, "sheet \(sheet + 1) position \(position + 1) gave \(texts)")
                let verdict = verifier.verify(texts[0]) { _ in false }
                #expect(verdict.outcome == .genuine, "\(texts[0]): \(verdict.reason)")
                decoded.append(try #require(verdict.number))
                #expect(rows[index] == [
                    "\(sheet + 1)", "\(position / 4 + 1)", "\(position % 4 + 1)", verdict.number!.description, "1", "K1", texts[0],
                ])
            }
        }
        #expect(decoded == batch.labels.map(\.id.number))
        let record = try #require(try BatchRecord.read(from: output.record))
        #expect(record.format == .pdf && record.skip == 3 && record.sheets == 3)
    }

    @Test func theFontIsEmbeddedAsASubsetAndThePDFPrintsWithNoFontInstalled() async throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        let output = try fixture.renderer(layout: "a4", format: .pdf).render(
            makeBatch(numbers: 1...16, keyID: "K1"), rescueCodes: [NNumber(value: 2)!: "005248"], into: fixture.output)

        let fonts = try await ExternalTool.run("pdffonts", [output.files[0].path])
        #expect(fonts.status == 0, "\(fonts.errors)")
        let rows = fonts.output.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        // name type… encoding emb sub uni object generation. The QR modules are a Type 3 font, whose
        // glyphs are in the PDF by definition; every other font is the CJK font, embedded as a subset.
        let type3 = rows.filter { $0[1] == "Type" && $0[2] == "3" }
        #expect(type3.count == 1 && type3.allSatisfy { $0[$0.count - 5] == "yes" }, "\(type3)")
        let others = rows.filter { !($0[1] == "Type" && $0[2] == "3") }
        #expect(!others.isEmpty)
        for row in others {
            #expect(row[0].range(of: #"^[A-Z]{6}\+"#, options: .regularExpression) != nil, "\(row) is not a subset")
            #expect(row[row.count - 5] == "yes" && row[row.count - 4] == "yes", "\(row) is not an embedded subset")
        }

        // fontconfig pointed at an empty folder: poppler finds no font at all, and the page is the same.
        let empty = fixture.folder("no-fonts")
        try FileManager.default.createDirectory(at: empty.appendingPathComponent("fonts"), withIntermediateDirectories: true)
        let configuration = empty.appendingPathComponent("fonts.conf")
        try """
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig><dir>\(empty.path)/fonts</dir><cachedir>\(empty.path)/cache</cachedir></fontconfig>
            """.write(to: configuration, atomically: true, encoding: .utf8)
        let listed = try await ExternalTool.run("fc-list", [], environment: ["FONTCONFIG_FILE": configuration.path])
        #expect(listed.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "fontconfig still sees \(listed.output)")
        let bare = try await rasterize(
            output.files[0], dotsPerInch: 300, into: fixture.folder("bare"), environment: ["FONTCONFIG_FILE": configuration.path])
        let usual = try await rasterize(output.files[0], dotsPerInch: 300, into: fixture.folder("usual"))
        let bareImage = try GrayImage(contentsOf: bare[0])
        let usualImage = try GrayImage(contentsOf: usual[0])
        #expect(bareImage.pixels == usualImage.pixels)
        // …and the page has its text: ink under the first label's QR code, inside its frame.
        let geometry = try fixture.renderer(layout: "a4", format: .pdf).geometry(baseURL: "HTTPS://LC.EXAMPLE.CN")
        let origin = geometry.labelOrigins[0]
        var ink = 0
        for y in (origin.y + geometry.lines[0].top)..<(origin.y + geometry.labelHeight - geometry.padding) {
            for x in (origin.x + geometry.padding)..<(origin.x + geometry.labelWidth - geometry.padding)
            where bareImage.pixels[y * bareImage.width + x] < 128 {
                ink += 1
            }
        }
        #expect(ink > 5_000, "only \(ink) dark pixels where the text goes")
    }

    @Test func aPDFBatchIsDeterministicAndResumedFileByFile() async throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        let renderer = try fixture.renderer(layout: "a4", format: .pdf) { $0.sheetsPerFile = 2 }
        let batch = makeBatch(numbers: 1...50, keyID: "K1")
        let first = try renderer.render(batch, into: fixture.output)
        #expect(first.files.map(\.lastPathComponent) == ["sheets-0001-0002.pdf", "sheets-0003-0004.pdf"])
        #expect(await field("Pages", in: try ExternalTool.run("pdfinfo", [first.files[1].path]).output) == "2")
        let originals = try first.files.map { try Data(contentsOf: $0) }
        let manifest = try Data(contentsOf: first.manifest)
        #expect(try FormatFixture.manifestRows(first).map { $0[0] } == (0..<50).map { String($0 / 16 + 1) })

        // One file cut short, the other left with a partial copy beside it.
        try originals[1].prefix(originals[1].count / 2).write(to: first.files[1])
        try originals[0].prefix(100).write(to: BatchFolder.partialFile(for: first.files[0]))
        try FileManager.default.removeItem(at: first.manifest)
        let resumed = try renderer.render(batch, into: fixture.output)
        #expect(resumed.renderedFiles == 1)
        #expect(try resumed.files.map { try Data(contentsOf: $0) } == originals)
        #expect(try Data(contentsOf: resumed.manifest) == manifest)
        #expect(try FileManager.default.contentsOfDirectory(atPath: resumed.directory.path).allSatisfy { !$0.hasSuffix(".partial") })

        let elsewhere = try renderer.render(batch, into: fixture.folder("again"))
        #expect(try elsewhere.files.map { try Data(contentsOf: $0) } == originals)
    }

    @Test func everyShippedSheetLayoutGivesPagesOfItsPaperThatScan() async throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        for name in ["a4-harsh", "a4-3x4-63.5x72", "a4-2x4-99.1x67.7", "a4-2x3-99.1x93.1"] {
            let renderer = try fixture.renderer(layout: name, format: .pdf)
            let batch = makeBatch(numbers: 201...(200 + renderer.layout.labelsPerSheet), keyID: "K1", layout: name)
            let output = try renderer.render(batch, into: fixture.folder(name))
            await #expect(field("Page size", in: try ExternalTool.run("pdfinfo", [output.files[0].path]).output) == "595.276 x 841.89 pts (A4)")
            let page = try GrayImage(contentsOf: try await rasterize(output.files[0], dotsPerInch: 300, into: fixture.folder(name + "-pages"))[0])
            let geometry = try renderer.geometry(baseURL: batch.summary.baseURL)
            let verifier = LabelVerifier(signatures: fixture.ring)
            for origin in geometry.labelOrigins {
                let texts = page.decodeQRCodes(x: origin.x, y: origin.y, width: geometry.labelWidth, height: geometry.labelHeight)
                #expect(texts.count == 1 && verifier.verify(texts[0]) { _ in false }.outcome == .genuine, "\(name): \(texts)")
            }
        }
    }

    /// The value of "Name:   value" in pdfinfo's output.
    private func field(_ name: String, in output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix(name + ":") }
            .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
    }
}

/// Renders every page of `pdf` as an 8-bit gray PNG with pdftoppm; returns the pages in order.
func rasterize(_ pdf: URL, dotsPerInch: Int, into folder: URL, environment: [String: String] = [:]) async throws -> [URL] {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let result = try await ExternalTool.run(
        "pdftoppm", ["-r", String(dotsPerInch), "-gray", "-png", pdf.path, folder.appendingPathComponent("page").path],
        environment: environment)
    #expect(result.status == 0 && result.errors.isEmpty, "pdftoppm: \(result.errors)")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }.sorted()
        .map { folder.appendingPathComponent($0) }
}
