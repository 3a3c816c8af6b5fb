import ArgumentParser
import Foundation
import Hummingbird

/// `liftbench http-floor`: Hummingbird alone answering every GET with one fixed page, no liftcode
/// code in the path (no lookup, no middleware, no log). `scripts/bench-lookup` measures it with the
/// same wrk run as the label lookups: beside nginx's static figure, it is the most a lookup served
/// through Hummingbird on this machine could reach, so the lookup figures can be read against it.
struct HTTPFloorServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http-floor", abstract: "Serve one fixed page for every GET with Hummingbird alone (for scripts/bench-lookup).")

    @Option(help: "The loopback port to listen on.")
    var port: Int = 8183

    @Option(help: "The file whose bytes every answer carries.")
    var page: String

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be 1 to 65535") }
        guard FileManager.default.isReadableFile(atPath: page) else { throw ValidationError("cannot read --page \(page)") }
    }

    func run() async throws {
        let body = ByteBuffer(bytes: try Data(contentsOf: URL(fileURLWithPath: page)))
        let router = Router()
        router.get("**") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: body))
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await application.runService()
    }
}
