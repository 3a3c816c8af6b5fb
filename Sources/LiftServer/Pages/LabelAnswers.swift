import Foundation
import Hummingbird
import LiftCore

/// What `GET /E/<code>` and `GET /api/v1/elevators/<number>` answer, made without HTTP: the label
/// routes send it, and `liftbench lookup` measures it in process.
public struct LabelAnswers: Sendable {
    /// One answer: its status, its body (HTML or JSON) and the verdict metrics count.
    public struct Answer: Sendable {
        public let status: HTTPResponse.Status
        public let body: ByteBuffer
        public let outcome: VerificationOutcome
    }

    /// How answers are written.
    public enum Rendering: Sendable {
        /// ``LabelPage`` and the JSON writer: what the server sends.
        case typed
        /// The Mustache template and `JSONEncoder` they replaced (same answers): kept only so
        /// `liftbench lookup` can show what the change saves.
        case mustache
    }

    public let lookup: ElevatorLookup
    /// The base URL `/E/<code>` paths are read under (normalised).
    public let labelBaseURL: String
    public let rendering: Rendering

    public init(lookup: ElevatorLookup, labelBaseURL: String, rendering: Rendering = .typed) {
        self.lookup = lookup
        self.labelBaseURL = labelBaseURL
        self.rendering = rendering
    }

    /// The whole answer to `GET /E/<path>`: the code read, looked up and rendered (no page cache).
    public func answer(path: String, language: Language, json: Bool, today: CivilDate) async throws -> Answer {
        let code: LabelCode
        do {
            code = try LabelCode(path: path, baseURL: labelBaseURL)
        } catch {
            return malformed(error, language: language, json: json)
        }
        return render(try await lookup.lookup(code, today: today), codePath: path, language: language, json: json)
    }

    /// The answer to `GET /api/v1/elevators/<number>`: JSON, unverified.
    public func answer(typed number: String, today: CivilDate) async throws -> Answer {
        render(try await lookup.lookup(typed: number, today: today), codePath: nil, language: .zh, json: true)
    }

    /// The answer for a path that is not a label code. It carries no Chinese reason, as before.
    func malformed(_ error: LabelCodeError, language: Language, json: Bool) -> Answer {
        render(ScanResult(outcome: .malformed, reason: error.description), codePath: nil, language: language, json: json)
    }

    /// A looked-up result as the page or the JSON.
    func render(_ result: ScanResult, codePath: String?, language: Language, json: Bool, staffPanel: HTML? = nil) -> Answer {
        let body: ByteBuffer
        switch (rendering, json) {
        case (.typed, true): body = ByteBuffer(bytes: result.json)
        case (.typed, false): body = ByteBuffer(bytes: LabelPage.render(result, codePath: codePath, language: language, staffPanel: staffPanel).bytes)
        case (.mustache, true): body = (try? Response.jsonBody(result)) ?? ByteBuffer()
        case (.mustache, false):
            body = ByteBuffer(string: PageRenderer.shared.labelPage(result, codePath: codePath, language: language, staffPanel: staffPanel?.description))
        }
        return Answer(status: Self.status(of: result), body: body, outcome: result.outcome)
    }

    /// genuine 200, counterfeit 403, revoked 410, malformed 400, unknown elevator 404.
    static func status(of result: ScanResult) -> HTTPResponse.Status {
        switch result.outcome {
        case .malformed: return .badRequest
        case .counterfeit: return .forbidden
        case .revoked: return .gone
        case .genuine, .unverified: return result.elevator == nil ? .notFound : .ok
        }
    }
}
