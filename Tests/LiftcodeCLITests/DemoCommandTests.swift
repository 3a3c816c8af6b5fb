import Foundation
import Testing

/// `liftcode demo` builds its database, keys and labels, then starts the same server `serve` runs,
/// from typed values.
@Suite struct DemoCommandTests {
    @Test func theDemoServesItsOwnDatabaseAndLabelsOnTheGivenPort() async throws {
        let cli = try CLIRunner()
        defer { cli.remove() }
        let server = try ServerProcess(cli, command: "demo", arguments: ["--dir", "demo"])
        defer { server.stop() }
        #expect(try await server.waitForOutput("liftcode serving demo/liftcode.sqlite on http://127.0.0.1:\(server.port)", seconds: 300),
            "\(server.output)\n\(server.errors)")
        #expect(server.output.contains("(labels HTTP://127.0.0.1:\(server.port)/E/…)"), "the labels point at this server")

        func page(_ name: String) throws -> String {
            let line = try #require(server.output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + ":") })
            let url = try #require(line.split(separator: " ").last.map(String.init))
            return String(url[try #require(url.range(of: "/E/")).lowerBound...])
        }
        let chinese = ["Accept-Language": "zh-CN"]
        let current = try await server.get(try page("current"), headers: chinese)
        #expect(current?.status == 200 && current?.body.contains("正常") == true, "\(current?.body.prefix(400) ?? "no answer")")
        let overdue = try await server.get(try page("overdue"), headers: chinese)
        #expect(overdue?.status == 200 && overdue?.body.contains("超期") == true, "\(overdue?.body.prefix(400) ?? "no answer")")
    }
}
