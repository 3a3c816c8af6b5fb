import Foundation
import LiftTestSupport

/// Runs a command-line tool (pdftoppm, pdffonts, pdfinfo, the ZPL validator) and collects what it printed.
struct ExternalTool {
    typealias Result = ChildProcess.Result

    /// Runs `tool` (found on PATH, or a path) with `arguments`, adding `environment` to the process's own.
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await ChildProcess.run(tool, arguments, environment: environment)
    }
}
