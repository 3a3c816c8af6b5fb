import Foundation
import LiftTestSupport
import Testing

/// The README's walk-through, run as written: its shell blocks in order, with the built
/// executable on PATH, in a scratch folder holding Labels/ and Samples/, against a server on a
/// free port instead of 8080. A README that stops being true fails here.
@Suite struct ReadmeWalkthroughTests {
    static let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `sh` blocks of the README's "## Walk-through" section.
    static func walkthroughBlocks() throws -> [String] {
        let readme = try String(contentsOf: project.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "\n## Walk-through\n") else { return [] }
        var section = readme[start.upperBound...]
        if let end = section.range(of: "\n## ") { section = section[..<end.lowerBound] }
        var blocks: [String] = []
        var rest = section
        while let open = rest.range(of: "```sh\n") {
            guard let close = rest[open.upperBound...].range(of: "```") else { break }
            blocks.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return blocks
    }

    @Test func theWalkthroughRunsAsWritten() async throws {
        let blocks = try Self.walkthroughBlocks()
        #expect(blocks.count >= 5, "the README has its walk-through")
        let cli = try CLIRunner()
        defer { cli.remove() }
        let port = try ServerProcess.freePort()
        let script = """
            set -euo pipefail
            trap 'if [ -n "${SERVER:-}" ]; then kill $SERVER 2>/dev/null || true; fi' EXIT
            export PATH="\(cli.executable.deletingLastPathComponent().path):$PATH"
            \(blocks.joined(separator: "\n").replacingOccurrences(of: "8080", with: String(port)))
            """
        try cli.write("walkthrough.sh", script)
        let walk = try await ChildProcess.run(
            "/usr/bin/timeout", ["300", "bash", "walkthrough.sh"], in: cli.folder, removing: ["LIFTCODE_BASE_URL", "LIFTCODE_DATABASE"])
        let printed = walk.output
        let complaints = walk.errors
        let serveLog = (try? String(contentsOf: cli.url("serve.log"), encoding: .utf8)) ?? ""
        #expect(walk.status == 0, "the walk-through failed:\n\(printed)\n\(complaints.suffix(3000))\nserve.log:\n\(serveLog.suffix(2000))")

        // What each step says it prints, in order.
        let lines = printed.split(whereSeparator: \.isNewline).map(String.init)
        let expected: [(String) -> Bool] = [
            { $0.hasPrefix("genuine\tN000618-1\t") },
            { $0 == "genuine" },
            { $0 == "南通弘扬电梯安装有限公司" },
            { $0 == "acknowledged" },
            { $0 == "resolved" },
            { $0 == "true" },
            { $0 == "passed" },
            { $0 == "true" },
            { $0.hasPrefix("N0") },
        ]
        var position = lines.startIndex
        for (step, matches) in expected.enumerated() {
            guard let found = lines[position...].firstIndex(where: matches) else {
                Issue.record("step \(step + 1) of the walk-through did not print what the README says:\n\(printed)")
                break
            }
            position = found + 1
        }
        #expect(serveLog.contains("liftcode serving"))
    }
}
