import Foundation
import Hummingbird
import HummingbirdAuth
import LiftCore
import MultipartKit
import NIOHTTP1

/// Lets a console request through only with a live session of a live account: loads the session
/// from the database, refreshes its idle lifetime, and refuses (403, nothing changed) a POST whose
/// form does not carry the session's CSRF token. Without a session a page redirects to sign-in.
struct ConsoleAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let sessions: SessionStorage<ConsoleSession>
    let accounts: any AccountStore
    let cookie: ConsoleCookie

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let language = request.language
        guard let session = try? await sessions.load(request: request),
            let account = try await accounts.account(id: session.accountID)
        else {
            if request.method == .get || request.method == .head {
                var headers = HTTPFields()
                headers[.location] = "/console/" + (language == .en ? "?lang=en" : "")
                return Response(status: .seeOther, headers: headers)
            }
            throw APIError(.unauthorized, code: "signed-out", message: language == .zh ? "请先登录。" : "please sign in first", html: true, language: language)
        }
        var request = request
        if request.method == .post {
            let form = try await ConsoleForm(request: &request, context: context)
            guard let sent = form["csrf"], Self.constantTimeEquals(sent, session.csrf) else {
                throw APIError(
                    .forbidden, code: "csrf", message: language == .zh ? "表单已失效，请返回重新提交。" : "this form has expired; go back and submit it again",
                    html: true, language: language)
            }
        }
        // Each request keeps the session alive for its idle lifetime, server-side and in the cookie.
        let lifetime = ConsoleSession.idleLifetime(for: account.role)
        try await sessions.update(session: session, expiresIn: lifetime, request: request)
        var context = context
        context.signIn = ConsoleSignIn(account: account, csrf: session.csrf)
        // The same scope rules as the API's (RegulatorController.scope, AccountController.filter).
        context.account = account
        var response = try await next(request, context)
        if let id = sessions.getId(request: request) {
            response.setCookie(cookie.make(value: id, lifetime: lifetime))
        }
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The console's session cookie: HttpOnly, SameSite=Lax, Secure when the site is https.
struct ConsoleCookie: Sendable {
    static let name = "liftcode_session"
    let secure: Bool

    func make(value: String, lifetime: Duration) -> Cookie {
        Cookie(
            name: Self.name, value: value, expires: Date().addingTimeInterval(TimeInterval(lifetime.components.seconds)), path: "/",
            secure: secure, httpOnly: true, sameSite: .lax)
    }

    var parameters: SessionCookieParameters {
        SessionCookieParameters(name: Self.name, path: "/", secure: secure, sameSite: .lax)
    }
}

/// A form's fields, urlencoded or multipart (the last value of a repeated name wins; `all` keeps
/// every one); a multipart form's files by name.
struct ConsoleForm: Sendable {
    let fields: [(String, String)]
    var files: [String: Data] = [:]

    /// The largest multipart form accepted (a label photo of at most 5 MB and its fields).
    static let maximumMultipartBytes = LabelPhoto.maximumBytes + 64 * 1024

    /// Reads the form of a POST, at most the context's body limit (a multipart form: a photo's).
    init(request: inout Request, context: AppRequestContext) async throws {
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            let body = try await request.collectBody(upTo: Self.maximumMultipartBytes)
            self = try Self(multipart: body, contentType: contentType, language: request.language)
            return
        }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
            throw APIError(.badRequest, code: "bad-form", message: "the form is not UTF-8", html: true, language: request.language)
        }
        self = Self(fields: text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        })
    }

    /// Parses a multipart/form-data body with multipart-kit's parser.
    init(multipart body: ByteBuffer, contentType: String, language: Language) throws {
        guard let boundary = contentType.split(separator: ";").compactMap({ part -> String? in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("boundary=") else { return nil }
            return String(trimmed.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }).first, !boundary.isEmpty, boundary.utf8.count <= 200 else {
            throw APIError(.badRequest, code: "bad-form", message: "the form has no multipart boundary", html: true, language: language)
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var headers = HTTPHeaders()
        var partBody = ByteBuffer()
        parser.onHeader = { field, value in headers.replaceOrAdd(name: field, value: value) }
        parser.onBody = { new in partBody.writeBuffer(&new) }
        parser.onPartComplete = {
            parts.append(MultipartPart(headers: headers, body: partBody))
            headers = HTTPHeaders()
            partBody = ByteBuffer()
        }
        do {
            try parser.execute(body)
        } catch {
            throw APIError(.badRequest, code: "bad-form", message: "the form could not be read", html: true, language: language)
        }
        guard parts.count <= 50 else {
            throw APIError(.badRequest, code: "bad-form", message: "the form has too many fields", html: true, language: language)
        }
        var fields: [(String, String)] = []
        var files: [String: Data] = [:]
        for part in parts {
            guard let name = part.name else { continue }
            let isFile = part.headers.first(name: "Content-Disposition")?.contains("filename=") == true
            if isFile {
                files[name] = Data(part.body.readableBytesView)
            } else if let text = String(validating: part.body.readableBytesView, as: UTF8.self), text.utf8.count <= 4096 {
                fields.append((name, text))
            }
        }
        self.init(fields: fields, files: files)
    }

    init(fields: [(String, String)], files: [String: Data] = [:]) {
        self.fields = fields
        self.files = files
    }

    /// Every value of a repeated field (checkboxes).
    func all(_ name: String) -> [String] {
        fields.filter { $0.0 == name }.map(\.1)
    }

    subscript(name: String) -> String? {
        fields.last { $0.0 == name }.map { $0.1 }
    }

    /// A field's value trimmed, nil when empty.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
