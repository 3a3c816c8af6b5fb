import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import LiftCore
import NIOPosix

/// Console sign-in and sign-out: a login and a bcrypt-checked password open a server-side session;
/// repeated failures lock the login (and the client address) for a while (`SignInThrottle`).
struct SignInController: Sendable {
    let accounts: any AccountStore
    let sessions: SessionStorage<ConsoleSession>
    let cookie: ConsoleCookie
    let now: @Sendable () -> Date

    /// The cookie that carries the sign-in form's CSRF token before there is a session.
    static let formCookie = "liftcode_signin"

    func addRoutes(to router: Router<AppRequestContext>) {
        // "/console" and "/console/" are one route to the router.
        router.get("/console", use: signInPage)
        router.post("/console/sign-in", use: signIn)
    }

    func addSignedInRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("/sign-out", use: signOut)
    }

    /// `GET /console/`: the sign-in form, or the home page for a live session.
    @Sendable func signInPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        if let session = try? await sessions.load(request: request), try await accounts.account(id: session.accountID) != nil {
            return Self.redirect("/console/home", language: language)
        }
        return formPage(request, language: language, status: .ok)
    }

    /// The form with a fresh CSRF token in its cookie (or the one the browser already has).
    func formPage(_ request: Request, language: Language, status: HTTPResponse.Status, login: String = "", error: String? = nil) -> Response {
        let token = request.cookies[Self.formCookie].map { String($0.value) }.flatMap { $0.utf8.count == 52 ? $0 : nil } ?? ConsoleSession.newToken()
        var response = Response.html(ConsoleRenderer.shared.signInPage(language: language, csrf: token, login: login, error: error), status: status)
        response.setCookie(
            Cookie(name: Self.formCookie, value: token, path: "/console", secure: cookie.secure, httpOnly: true, sameSite: .strict))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// `POST /console/sign-in`.
    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let language = request.language
        var request = request
        let form = try await ConsoleForm(request: &request, context: context)
        guard let sent = form["csrf"], let expected = request.cookies[Self.formCookie].map({ String($0.value) }),
            ConsoleAuthenticator.constantTimeEquals(sent, expected)
        else {
            throw APIError(
                .forbidden, code: "csrf", message: language == .zh ? "登录表单已失效，请刷新后重试。" : "the sign-in form has expired; reload it and try again",
                html: true, language: language)
        }
        let login = form.text("login") ?? ""
        let password = form["password"] ?? ""
        guard !login.isEmpty, login.count <= 64, !password.isEmpty, password.utf8.count <= 128 else {
            return formPage(request, language: language, status: .badRequest, login: String(login.prefix(64)),
                error: language == .zh ? "请输入账号和密码。" : "enter your login and password")
        }
        let now = now()
        let since = now.addingTimeInterval(-SignInThrottle.window)
        let address = IPAddress.limitKey(context.clientAddress)
        if SignInThrottle.addressIsBlocked(failures: try await accounts.signInFailureCount(address: address, since: since)) {
            return formPage(request, language: language, status: .tooManyRequests, login: login,
                error: language == .zh ? "此地址登录失败次数过多，请 15 分钟后再试。" : "too many failed sign-ins from this address; try again in 15 minutes")
        }
        if let until = SignInThrottle.lockedUntil(failures: try await accounts.signInFailures(login: login, since: since), now: now) {
            return formPage(request, language: language, status: .tooManyRequests, login: login, error: Self.lockedMessage(until, language))
        }
        let found = try await accounts.account(login: login)
        let hash = found?.passwordHash
        // The same bcrypt work whether or not the login exists, so timing tells nothing.
        let matches = try await NIOThreadPool.singleton.runIfActive {
            Bcrypt.verify(password, hash: hash ?? Self.placeholderHash) && hash != nil
        }
        guard matches, let account = found?.account else {
            try await accounts.recordSignInFailure(login: login, address: address, at: now)
            if let until = SignInThrottle.lockedUntil(failures: try await accounts.signInFailures(login: login, since: since), now: now) {
                return formPage(request, language: language, status: .tooManyRequests, login: login, error: Self.lockedMessage(until, language))
            }
            return formPage(request, language: language, status: .unauthorized, login: login,
                error: language == .zh ? "账号或密码不正确。" : "wrong login or password")
        }
        try await accounts.clearSignInFailures(login: login)
        let session = ConsoleSession(accountID: account.id, csrf: ConsoleSession.newToken(), signedInAt: now)
        let lifetime = ConsoleSession.idleLifetime(for: account.role)
        let saved = try await sessions.save(session: session, expiresIn: lifetime)
        var response = Self.redirect("/console/home", language: language)
        response.setCookie(cookie.make(value: saved.value, lifetime: lifetime))
        return response
    }

    /// `POST /console/sign-out`: ends the session.
    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try? await sessions.delete(request: request)
        var response = Self.redirect("/console/", language: request.language)
        response.setCookie(cookie.make(value: "", lifetime: .seconds(0)))
        return response
    }

    static func lockedMessage(_ until: Date, _ language: Language) -> String {
        let time = ShanghaiTime.format(until)
        return language == .zh ? "该账号登录失败次数过多，已锁定至 \(time)（北京时间）。" : "too many failed sign-ins: this login is locked until \(time) (Beijing time)"
    }

    static func redirect(_ path: String, language: Language) -> Response {
        var headers = HTTPFields()
        headers[.location] = path + (language == .en ? "?lang=en" : "")
        return Response(status: .seeOther, headers: headers)
    }

    /// A bcrypt hash of no one's password, checked when a login does not exist.
    static let placeholderHash = Bcrypt.hash(ConsoleSession.newToken(), cost: 12)
}
