import Foundation
import LiftCore
import LiftCrypto
import Testing

@testable import LiftLabels

/// ZPL batches, read back by an independent ZPL parser (zpl-toolchain, PyPI) and compared with the
/// PNG rendering of the same labels.
@Suite struct ZPLBatchTests {
    @Test func everyLabelIsOneWellFormedZPLLabelWhoseQRCodeVerifies() async throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        let renderer = try fixture.renderer(layout: "roll-60x40", format: .zpl) { $0.copies = 2 }
        let batch = makeBatch(numbers: 1...12, keyID: "K1", layout: "roll-60x40")
        let output = try renderer.render(batch, rescueCodes: [NNumber(value: 5)!: "005248"], into: fixture.output)
        #expect(output.files.map(\.lastPathComponent) == ["labels-0001-0012.zpl"])
        let text = try String(contentsOf: output.files[0], encoding: .utf8)
        let labels = ZPLLabel.split(text)
        #expect(labels.count == 12)
        let geometry = try renderer.geometry(baseURL: batch.summary.baseURL)
        #expect(geometry.pageWidth == 480 && geometry.pageHeight == 320)  // 60 × 40 mm at 203 dpi
        let verifier = LabelVerifier(signatures: fixture.ring)
        let rows = try FormatFixture.manifestRows(output)
        for (index, label) in labels.enumerated() {
            let number = batch.labels[index].id.number
            #expect(label.text.hasPrefix("^XA") && label.text.hasSuffix("^XZ"))
            #expect(label.text.contains("^PW480\n^LL320\n"))
            #expect(label.text.contains("^PQ2\n"))
            let qr = try #require(label.qrCodes.first)
            #expect(label.qrCodes.count == 1)
            #expect(qr.level == "M" && qr.magnification == geometry.moduleSize)
            #expect(qr.origin == PixelPoint(x: geometry.qrOrigin.x, y: geometry.qrOrigin.y))
            let verdict = verifier.verify(qr.data) { _ in false }
            #expect(verdict.outcome == .genuine && verdict.number == number, "\(qr.data): \(verdict.reason)")
            #expect(rows[index] == ["\(index + 1)", "1", "1", number.description, "1", "K1", qr.data])
            // The N-number is printer text; the Chinese lines are graphics.
            #expect(label.text.contains("^FD\(number)^FS"))
            #expect(label.graphics.count == 2)
        }

        let validation = try await validateWithZPLToolchain(output.files[0])
        #expect(validation.ok, "\(validation.issues)")
        #expect(validation.errors.isEmpty, "\(validation.errors)")
        #expect(validation.labelCount == 12)
    }

    @Test func theGraphicFieldsHoldTheLinesOfThePNGOfTheSameLabel() async throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        let batch = makeBatch(numbers: 101...104, keyID: "K1", layout: "roll-50x30")
        let rescue = [NNumber(value: 102)!: "005248"]
        for dpi in [203, 300] {
            let zpl = try fixture.renderer(layout: "roll-50x30", format: .zpl) { $0.dpi = dpi }
                .render(batch, rescueCodes: rescue, into: fixture.folder("zpl-\(dpi)"))
            let png = try fixture.renderer(layout: "roll-50x30", format: .png) { $0.dpi = dpi }
                .render(batch, rescueCodes: rescue, into: fixture.folder("png-\(dpi)"))
            let labels = ZPLLabel.split(try String(contentsOf: zpl.files[0], encoding: .utf8))
            #expect(labels.count == 4 && png.files.count == 4)
            for (label, sheet) in zip(labels, png.files) {
                let image = try GrayImage(contentsOf: sheet)
                #expect(label.graphics.count == 1)  // the 96333 line; the N-number is printer text
                for graphic in label.graphics {
                    #expect(graphic.ink > 20, "an empty graphic field")
                    var differing = 0
                    for row in 0..<graphic.height {
                        for column in 0..<graphic.bytesPerRow * 8 {
                            let (x, y) = (graphic.origin.x + column, graphic.origin.y + row)
                            let pngBlack = x < image.width && y < image.height && image.pixels[y * image.width + x] < 128
                            if graphic.isBlack(x: column, y: row) != pngBlack { differing += 1 }
                        }
                    }
                    #expect(differing == 0, "\(dpi) dpi: \(differing) pixels of a ^GF field differ from the PNG")
                }
                // The printer's QR code holds what the PNG's does.
                let decoded = image.decodeQRCodes(x: 0, y: 0, width: image.width, height: image.height)
                #expect(decoded == [label.qrCodes.first?.data ?? ""])
            }
            #expect(try await validateWithZPLToolchain(zpl.files[0]).errors.isEmpty)
        }
    }

    @Test func aSheetLayoutASkipAndModulesTooLargeForThePrinterAreRefused() throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        #expect {
            try fixture.renderer(layout: "a4", format: .zpl).geometry(baseURL: "HTTPS://LC.EXAMPLE.CN")
        } throws: { "\($0)".contains("roll layout") }
        #expect(throws: BatchError.badSkip(skip: 1, labelsPerSheet: 1, format: .zpl)) {
            try fixture.renderer(layout: "roll-60x40", format: .zpl, skip: 1).geometry(baseURL: "HTTPS://LC.EXAMPLE.CN")
        }
        #expect {
            try fixture.renderer(layout: "roll-60x40", format: .zpl) {
                $0.dpi = 600
            }.geometry(baseURL: "HTTPS://LC.EXAMPLE.CN")
        } throws: { "\($0)".contains("203 or 300") }
        #expect {
            try fixture.renderer(layout: "roll-60x40", format: .zpl) {
                $0.dpi = 300
                $0.pageMM = SheetLayout.Size(width: 100, height: 150)
                $0.labelMM = $0.pageMM
                $0.qr.minimumSizeMM = 60
            }.geometry(baseURL: "HTTPS://LC.EXAMPLE.CN")
        } throws: { "\($0)".contains("1 to 10 dots") }
    }

    @Test func aZPLFileIsResumedByteForByte() throws {
        let fixture = try FormatFixture()
        defer { fixture.directory.remove() }
        let renderer = try fixture.renderer(layout: "roll-70x50", format: .zpl) { $0.sheetsPerFile = 4 }
        let batch = makeBatch(numbers: 1...10, keyID: "K1", layout: "roll-70x50")
        let first = try renderer.render(batch, into: fixture.output)
        #expect(first.files.map(\.lastPathComponent) == ["labels-0001-0004.zpl", "labels-0005-0008.zpl", "labels-0009-0010.zpl"])
        let originals = try first.files.map { try Data(contentsOf: $0) }
        try originals[1].prefix(originals[1].count - 10).write(to: first.files[1])
        try FileManager.default.removeItem(at: first.files[2])
        let resumed = try renderer.render(batch, into: fixture.output)
        #expect(resumed.renderedFiles == 2)
        #expect(try resumed.files.map { try Data(contentsOf: $0) } == originals)
    }

    /// What zpl-toolchain (in .build-python, made by `make test-deps`) says of a ZPL file.
    private func validateWithZPLToolchain(_ file: URL) async throws -> (ok: Bool, issues: [String], errors: [String], labelCount: Int) {
        let python = packageRoot.appendingPathComponent(".build-python/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "zpl-toolchain is missing: `make test-deps` (scripts/install-zpl-toolchain) installs it into .build-python")
        let script = """
            import json, sys, zpl_toolchain
            text = open(sys.argv[1], encoding="ascii").read()
            result = zpl_toolchain.validate(text)
            parsed = zpl_toolchain.parse(text)
            print(json.dumps({"ok": result["ok"], "issues": result["issues"], "labels": len(parsed["ast"]["labels"])}))
            """
        let result = try await ExternalTool.run(python.path, ["-c", script, file.path])
        try #require(result.status == 0, "zpl-toolchain failed: \(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let issues = (json["issues"] as? [[String: Any]]) ?? []
        let describe = { (issue: [String: Any]) in "\(issue["severity"] ?? "")\t\(issue["id"] ?? "")\t\(issue["message"] ?? "")" }
        return (
            json["ok"] as? Bool ?? false, issues.map(describe), issues.filter { $0["severity"] as? String == "error" }.map(describe),
            json["labels"] as? Int ?? 0
        )
    }
}

/// One `^XA…^XZ` label of a ZPL file, with its QR and graphic fields picked out.
struct ZPLLabel {
    struct QRField {
        var origin: PixelPoint
        var magnification: Int
        var level: String
        var data: String
    }

    struct GraphicField {
        var origin: PixelPoint
        var bytesPerRow: Int
        var bytes: [UInt8]

        var height: Int { bytes.count / bytesPerRow }
        var ink: Int { bytes.reduce(0) { $0 + $1.nonzeroBitCount } }

        func isBlack(x: Int, y: Int) -> Bool { bytes[y * bytesPerRow + x / 8] & (0x80 >> UInt8(x % 8)) != 0 }
    }

    var text: String
    var qrCodes: [QRField] = []
    var graphics: [GraphicField] = []

    /// The labels of a ZPL file, in order; nothing may stand between them but line ends.
    static func split(_ file: String) -> [ZPLLabel] {
        var labels: [ZPLLabel] = []
        var rest = Substring(file)
        while let start = rest.range(of: "^XA"), let end = rest.range(of: "^XZ", range: start.upperBound..<rest.endIndex) {
            let between = rest[..<start.lowerBound].allSatisfy { $0.isNewline }
            #expect(between, "text between labels")
            labels.append(ZPLLabel(String(rest[start.lowerBound..<end.upperBound])))
            rest = rest[end.upperBound...]
        }
        let after = rest.allSatisfy { $0.isNewline }
        #expect(after, "text after the last label")
        return labels
    }

    init(_ text: String) {
        self.text = text
        let qrPattern = #/\^FO(\d+),(\d+)\^BQN,2,(\d+)\^FD([HQML])M,A([^\^]*)\^FS/#
        for match in text.matches(of: qrPattern) {
            qrCodes.append(
                QRField(
                    origin: PixelPoint(x: Int(match.1)!, y: Int(match.2)!), magnification: Int(match.3)!, level: String(match.4),
                    data: String(match.5)))
        }
        let graphicPattern = #/\^FO(\d+),(\d+)\^GFA,(\d+),(\d+),(\d+),([0-9A-F]*)\^FS/#
        for match in text.matches(of: graphicPattern) {
            let hex = Array(match.6.utf8)
            var bytes: [UInt8] = []
            for index in stride(from: 0, to: hex.count - 1, by: 2) {
                bytes.append(UInt8(String(decoding: hex[index...index + 1], as: UTF8.self), radix: 16)!)
            }
            #expect(Int(match.3)! == bytes.count && Int(match.4)! == bytes.count && hex.count == 2 * bytes.count)
            #expect(bytes.count % Int(match.5)! == 0)
            graphics.append(
                GraphicField(origin: PixelPoint(x: Int(match.1)!, y: Int(match.2)!), bytesPerRow: Int(match.5)!, bytes: bytes))
        }
    }
}
