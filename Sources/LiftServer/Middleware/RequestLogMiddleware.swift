import Hummingbird
import Logging

/// Logs each request's method, path, status and time, with ticket ids (the reporter's secret
/// key to `/T/<ticket>`) replaced by `…`, so a log reader cannot open anybody's ticket.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let path = Self.redacted(request.uri.path)
        do {
            let response = try await next(request, context)
            context.logger.log(level: level, "\(request.method) \(path) \(response.status.code) \(ContinuousClock.now - started)")
            return response
        } catch let error as any HTTPResponseError {
            context.logger.log(level: level, "\(request.method) \(path) \(error.status.code) \(ContinuousClock.now - started)")
            throw error
        } catch {
            context.logger.log(level: level, "\(request.method) \(path) error \(ContinuousClock.now - started)")
            throw error
        }
    }

    /// The path with anything shaped like a ticket ("T" and 20 base32 characters, in any case and
    /// wherever it stands: `//T/…`, `/x/../T/…`, `/T%2F…`) replaced by "T…".
    static func redacted(_ path: String) -> String {
        let characters = Array(path.utf8)
        guard characters.count >= 21 else { return path }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count)
        var index = 0
        while index < characters.count {
            let byte = characters[index]
            if byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t"), index + 21 <= characters.count,
                characters[(index + 1)..<(index + 21)].allSatisfy(isBase32)
            {
                output.append(contentsOf: Array("T…".utf8))
                index += 21
                while index < characters.count, isBase32(characters[index]) { index += 1 }
                continue
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func isBase32(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "2") && byte <= UInt8(ascii: "7"))
    }
}
