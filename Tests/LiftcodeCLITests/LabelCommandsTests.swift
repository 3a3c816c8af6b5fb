import Foundation
import LiftTestSupport
import Testing

/// The label printer's commands, run as the real executable: keys, issuing, verifying, revoking,
/// and finishing a batch that was killed part-way.
@Suite(.serialized) struct LabelCommandsTests {
    static let base = ["--base-url", "https://lc.example.cn"]

    @Test func keysAreStandardPEMAndThePrivateOneStaysPrivate() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let made = try await cli.run(["keys", "new"])
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.output.contains("key K1 created"))
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.url("Keys/K1.key.pem").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try await cli.run(["keys", "new", "--id", "K1"]).status == 1)
        #expect(try await cli.run(["keys", "new", "--id", "bad id"]).status == 64)

        // A private key others can read is refused, as ssh does.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: cli.url("Keys/K1.key.pem").path)
        let refused = try await cli.run(["labels", "issue", "--district", "0", "--count", "1"] + Self.base)
        #expect(refused.status == 1)
        #expect(refused.errors.contains("too open") && refused.errors.contains("chmod 600"))
    }

    @Test func verifyNamesEachOutcomeAndFailsUnlessAllAreGenuine() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        let issued = try await cli.run(["labels", "issue", "--district", "崇川区", "--count", "2"] + Self.base)
        #expect(issued.status == 0, "\(issued.errors)")
        let codes = try manifestCodes(in: cli)
        #expect(codes.count == 2)

        let genuine = try await cli.run(["labels", "verify", codes[0], "  " + codes[1].lowercased() + "\t"])
        #expect(genuine.status == 0)
        #expect(genuine.output.split(separator: "\n").allSatisfy { $0.hasPrefix("genuine\t") })

        var tampered = Array(codes[0])
        tampered[tampered.count - 10] = tampered[tampered.count - 10] == "A" ? "B" : "A"
        let unknownKey = codes[0].replacingOccurrences(of: "-K1-", with: "-K9-")
        try await cli.run(["labels", "revoke", "N000002-1", "--reason", "torn off"])
        let mixed = try await cli.run(["labels", "verify", String(tampered), unknownKey, codes[1], "N006109-1-K1-XYZ", "006109"])
        #expect(mixed.status == 1)
        let lines = mixed.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("counterfeit\tN000001-1\t") && lines[0].contains("signature does not match"))
        #expect(lines[1].hasPrefix("counterfeit\tN000001-1\t") && lines[1].contains("K9"))
        #expect(lines[2].hasPrefix("revoked\tN000002-1\t"))
        #expect(lines[3].hasPrefix("malformed\t"))
        #expect(lines[4].hasPrefix("unverified\tN006109\t"))
    }

    @Test func aSecondBatchSharesNoNumberAndReplacingTakesTheNextSerial() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        #expect(try await cli.run(["labels", "issue", "--district", "0", "--count", "20"] + Self.base).status == 0)
        #expect(try await cli.run(["labels", "issue", "--district", "0", "--count", "20"] + Self.base).status == 0)
        let numbers = try manifestCodes(in: cli).map { $0.split(separator: "/").last!.prefix(7) }
        #expect(numbers.count == 40 && Set(numbers).count == 40)
        #expect(numbers.allSatisfy { $0.hasPrefix("N0") })

        let again = try await cli.run(["labels", "issue", "--district", "0", "--numbers", "N000003"] + Self.base)
        #expect(again.status == 1 && again.errors.contains("--replace"))
        #expect(try await cli.run(["labels", "issue", "--district", "0", "--numbers", "N000003", "--replace"] + Self.base).status == 0)
        let codes = try manifestCodes(in: cli)
        let old = codes.first { $0.contains("/E/N000003-1-") }!
        let new = codes.first { $0.contains("/E/N000003-2-") }!
        #expect(try await cli.run(["labels", "verify", old]).output.hasPrefix("revoked"))
        #expect(try await cli.run(["labels", "verify", new]).output.hasPrefix("genuine"))
        #expect(try await cli.run(["labels", "issue", "--district", "1", "--numbers", "N000003"] + Self.base).status == 1)
    }

    @Test func aBatchKilledPartWayIsResumedByteForByte() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        let process = try cli.start(["labels", "issue", "--district", "1", "--count", "480"] + Self.base)
        let batch = cli.url("Labels/out/B\(Self.shanghaiDay())-0001")
        // Kill it as soon as its first sheet is complete.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline,
            !FileManager.default.fileExists(atPath: batch.appendingPathComponent("sheet-0001.png").path)
        {
            try await Task.sleep(for: .milliseconds(2))
        }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try await Task.sleep(for: .milliseconds(5)) }
        let drawn = try FileManager.default.contentsOfDirectory(atPath: batch.path).filter { $0.hasSuffix(".png") }
        #expect(drawn.count < 30, "the batch finished before it could be killed")

        let resumed = try await cli.run(["labels", "resume", batch.lastPathComponent])
        #expect(resumed.status == 0, "\(resumed.errors)")
        let whole = try await cli.run(["labels", "resume", batch.lastPathComponent, "--out", "fresh"])
        #expect(whole.status == 0, "\(whole.errors)")
        let fresh = cli.url("fresh/\(batch.lastPathComponent)")
        let names = try FileManager.default.contentsOfDirectory(atPath: fresh.path).sorted()
        #expect(names.filter { $0.hasSuffix(".png") }.count == 30)
        #expect(try FileManager.default.contentsOfDirectory(atPath: batch.path).sorted() == names)
        for name in names {
            let resumedFile = try Data(contentsOf: batch.appendingPathComponent(name))
            let freshFile = try Data(contentsOf: fresh.appendingPathComponent(name))
            #expect(resumedFile == freshFile, "\(name) differs")
        }
    }

    @Test func badInputGetsAClearErrorAndAUsageStatus() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        let cases: [([String], String)] = [
            (["labels", "issue", "--district", "0", "--count", "2", "--registered"] + Self.base, "exactly one of"),
            (["labels", "issue", "--district", "0", "--count", "0"] + Self.base, "--count must be"),
            (["labels", "issue", "--district", "0", "--numbers", "N12"] + Self.base, "N12"),
            (["labels", "issue", "--district", "0", "--count", "2", "--base-url", "ftp://x"], "http or https"),
            (["labels", "revoke", "N006109", "--reason", "x"], "label id"),
        ]
        for (arguments, message) in cases {
            let result = try await cli.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
        }
        let unknown = try await cli.run(["labels", "issue", "--district", "火星区", "--count", "2"] + Self.base)
        #expect(unknown.status == 64 && unknown.errors.contains("unknown district 火星区"), "an unknown district is a usage error, as in every command")
        #expect(try await cli.run(["labels", "resume", "B20200101-0009"]).errors.contains("no batch"))
    }

    @Test func batchesComeAsPDFOrZPLAndSkipUsedPositions() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        try await cli.run(["keys", "new", "--id", "K1"])
        let pdf = try await cli.run(["labels", "issue", "--district", "0", "--count", "20", "--format", "pdf", "--skip", "14"] + Self.base)
        #expect(pdf.status == 0, "\(pdf.errors)")
        #expect(pdf.output.contains("pdf:") && pdf.errors.contains("20 labels on 3 sheets in 1 PDF"))
        let batch = "B\(Self.shanghaiDay())-0001"
        let folder = cli.url("Labels/out/\(batch)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
            "batch.json", "manifest.csv", "sheets-0001-0003.pdf",
        ])
        let original = try Data(contentsOf: folder.appendingPathComponent("sheets-0001-0003.pdf"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("sheets-0001-0003.pdf"))
        // resume takes format and skip from batch.json
        let resumed = try await cli.run(["labels", "resume", batch])
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("sheets-0001-0003.pdf")) == original)
        let otherFormat = try await cli.run(["labels", "resume", batch, "--format", "png"])
        #expect(otherFormat.status == 1 && otherFormat.errors.contains("format"))

        // A roll layout names ZPL as its format.
        let zpl = try await cli.run(["labels", "issue", "--district", "0", "--count", "3", "--layout", "Labels/layouts/roll-60x40.json"] + Self.base)
        #expect(zpl.status == 0, "\(zpl.errors)")
        let zplFile = cli.url("Labels/out/B\(Self.shanghaiDay())-0002/labels-0001-0003.zpl")
        let labels = try String(contentsOf: zplFile, encoding: .utf8)
        #expect(labels.components(separatedBy: "^XA").count == 4 && labels.hasSuffix("^XZ\n"))

        let cases: [([String], Int32, String)] = [
            (["--count", "2", "--skip", "16"], 64, "skip 0 to 15"),
            (["--count", "2", "--skip", "1", "--layout", "Labels/layouts/roll-50x30.json"], 64, "ZPL roll"),
            (["--count", "2", "--format", "zpl"], 1, "roll layout"),
            (["--count", "2", "--format", "tiff"], 64, "tiff"),
        ]
        for (arguments, status, message) in cases {
            let result = try await cli.run(["labels", "issue", "--district", "0"] + arguments + Self.base)
            #expect(result.status == status, "\(arguments): \(result.errors)")
            #expect(result.errors.contains(message), "\(arguments): \(result.errors)")
        }
        // None of the refused runs recorded a batch.
        #expect(try await cli.run(["labels", "list"]).output.split(separator: "\n").filter { $0.hasPrefix("B") }.count == 2)
    }

    @Test func aProofIsASheetOfSpecimensThatVerifyNowhere() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        for _ in 0..<2 {  // a second proof replaces the first
            let proof = try await cli.run(["labels", "proof", "--layout", "Labels/layouts/a4-3x4-63.5x72.json", "--format", "pdf"] + Self.base)
            #expect(proof.status == 0, "\(proof.errors)")
            #expect(proof.output.contains("12 specimen labels under key id PROOF"))
        }
        let folder = cli.url("Labels/out/PROOF-a4-3x4-63.5x72")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
            "batch.json", "manifest.csv", "sheets-0001-0001.pdf",
        ])
        let codes = try String(contentsOf: folder.appendingPathComponent("manifest.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[6]) }
        #expect(codes.count == 12 && codes.allSatisfy { $0.contains("-1-PROOF-") })
        // Nothing reached a database, and no server (nor this machine's ledger) accepts a specimen.
        #expect(!FileManager.default.fileExists(atPath: cli.url("liftcode.sqlite").path))
        try await cli.run(["keys", "new", "--id", "K1"])
        let verdict = try await cli.run(["labels", "verify", codes[0]])
        #expect(verdict.status == 1 && verdict.output.hasPrefix("malformed"))

        let roll = try await cli.run(["labels", "proof", "--layout", "Labels/layouts/roll-50x30.json"] + Self.base)
        #expect(roll.status == 0, "\(roll.errors)")
        #expect(FileManager.default.fileExists(atPath: cli.url("Labels/out/PROOF-roll-50x30/labels-0001-0001.zpl").path))

        // On a partly used sheet the proof fills the positions left.
        let partial = try await cli.run(["labels", "proof", "--layout", "Labels/layouts/a4-3x4-63.5x72.json", "--skip", "10"] + Self.base)
        #expect(partial.status == 0 && partial.output.contains("2 specimen labels"), "\(partial.errors)")
        #expect(partial.errors.contains("2 labels on 1 sheet"))

        // A folder of that name that is not a proof is left alone.
        try FileManager.default.createDirectory(at: cli.url("Labels/out/PROOF-a4"), withIntermediateDirectories: true)
        let refused = try await cli.run(["labels", "proof", "--layout", "Labels/layouts/a4.json"] + Self.base)
        #expect(refused.status == 1 && refused.errors.contains("does not hold an earlier proof"))
    }

    /// Every code of every manifest, in batch order.
    func manifestCodes(in cli: CLIRunner) throws -> [String] { try cli.manifestCodes() }

    /// Today in Shanghai as batch ids carry it, "20261125".
    static func shanghaiDay() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
    }
}
