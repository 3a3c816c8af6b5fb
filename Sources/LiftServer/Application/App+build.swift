import AsyncHTTPClient
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import NIOPosix
import LiftCore
import Logging
import ServiceLifecycle

/// Builds the liftcode HTTP application: the executable's `serve` runs it, and tests call it too.
///
///     let app = buildApplication(configuration, dependencies: dependencies, logger: logger)
///     try await app.runService()
public func buildApplication(
    _ configuration: ServerConfiguration, dependencies: ServerDependencies, logger: Logger,
    services: [any Service] = []
) -> some ApplicationProtocol {
    let keys = TrustedKeys(dependencies.signatures, published: dependencies.publicKeys, cacheSize: configuration.signatureCacheSize)
    let pageCache = PageCache(maximumBytes: configuration.pageCacheBytes, lifetime: configuration.pageCacheLifetime)
    let router = buildRouter(configuration, dependencies: dependencies, metrics: ServerMetrics(), logger: logger, keys: keys, pageCache: pageCache)
    var services = services
    if let stamp = dependencies.trustStamp, let reload = dependencies.reloadKeys {
        services.append(
            TrustWatcher(
                keys: keys, pageCache: pageCache, interval: configuration.trustCheckInterval, logger: logger, stamp: stamp, reload: reload,
                changes: dependencies.trustChanges))
    }
    return Application(
        router: router,
        // A connection that sends nothing for this long is closed: idle or half-sent requests cannot
        // hold the server's file handles.
        server: .http1(configuration: .init(
            additionalChannelHandlers: [ParserErrorBodyHandler()], idleTimeout: .seconds(Int64(configuration.idleTimeout.components.seconds)))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "liftcode"),
        services: services,
        logger: logger
    )
}

/// Builds the router with every route and middleware.
/// - Parameters:
///   - keys: the trusted keys (replaced while running by `TrustWatcher`).
///   - pageCache: the label answers' cache (emptied by `TrustWatcher`).
public func buildRouter(
    _ configuration: ServerConfiguration, dependencies: ServerDependencies, metrics: ServerMetrics, logger: Logger,
    keys: TrustedKeys, pageCache: PageCache
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    if !configuration.trustedProxies.isEmpty {
        router.add(middleware: ForwardedClientMiddleware(trustedProxies: Set(configuration.trustedProxies.map(\.unmapped))))
    }
    router.add(middleware: RouteMetricsMiddleware(metrics: metrics))
    if configuration.logRequests {
        router.add(middleware: RequestLogMiddleware(level: .info))
    }
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorBodyMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maximumBodySize))
    let lookup = ElevatorLookup(
        registry: dependencies.registry, verifier: LabelVerifier(signatures: keys),
        acceptedBaseURLs: [configuration.labelBaseURL] + configuration.otherLabelBaseURLs)
    let desk = ComplaintDesk(
        lookup: lookup, complaints: dependencies.complaints,
        perClient: configuration.complaintsPerClientPerMinute.map { limit in
            dependencies.rateLimits?.rateLimiter(named: "client", limit: limit, window: 60) ?? RateLimiter(limit: limit, window: 60)
        },
        // Windows are kept for registered elevators only, so their number is bounded by the registry.
        perElevator: configuration.complaintsPerElevatorPerHour.map { limit in
            dependencies.rateLimits?.rateLimiter(named: "elevator", limit: limit, window: 3600)
                ?? RateLimiter(limit: limit, window: 3600, maximumKeys: 2_000_000)
        },
        metrics: metrics, labelBaseURL: configuration.labelBaseURL)

    SystemController(metrics: metrics, keys: keys).addRoutes(to: router)
    var labels = LabelController(
        answers: LabelAnswers(lookup: lookup, labelBaseURL: configuration.labelBaseURL), desk: desk, metrics: metrics,
        today: dependencies.today, pageCache: pageCache)
    ComplaintController(desk: desk, complaints: dependencies.complaints, linkBase: configuration.linkBase).addRoutes(to: router)
    Open311Controller(desk: desk, complaints: dependencies.complaints).addRoutes(to: router)
    AccountController(complaints: dependencies.complaints, registry: dependencies.registry, today: dependencies.today)
        .addRoutes(to: router.group("/api/v1").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    let maintenance = MaintenanceController(
        maintenance: dependencies.maintenance, lookup: lookup, today: dependencies.today, now: dependencies.now,
        maximumVisitDuration: configuration.maximumVisitDuration)
    maintenance.addRoutes(to: router.group("/api/v1").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    let rescueAPI = dependencies.rescues.map { RescueController(rescues: $0, lookup: lookup, today: dependencies.today, now: dependencies.now) }
    rescueAPI?.addRoutes(to: router.group("/api/v1").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    let regulator = RegulatorController(supervision: dependencies.supervision, today: dependencies.today, now: dependencies.now)
    regulator.addRoutes(to: router.group("/api/v1/regulator").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    if let sessionStore = dependencies.sessions {
        // The staff console: sign-in, then screens behind a server-side session.
        let cookie = ConsoleCookie(secure: configuration.labelBaseURL.hasPrefix("HTTPS://"))
        let sessions = SessionStorage<ConsoleSession>(
            DatabasePersistDriver(store: sessionStore, now: dependencies.now),
            configuration: SessionStorageConfiguration(sessionCookieParameters: cookie.parameters, keyPrefix: "console."))
        let signIn = SignInController(accounts: dependencies.accounts, sessions: sessions, cookie: cookie, now: dependencies.now)
        signIn.addRoutes(to: router)
        let console = router.group("/console").add(middleware: ConsoleAuthenticator(sessions: sessions, accounts: dependencies.accounts, cookie: cookie))
        signIn.addSignedInRoutes(to: console)
        let cost = configuration.bcryptCost
        ConsoleController(
            registry: dependencies.registry, complaints: dependencies.complaints, maintenance: dependencies.maintenance,
            supervision: dependencies.supervision, accounts: dependencies.accounts, regulator: regulator, desk: desk,
            units: dependencies.units, publishedKeys: { keys.published },
            hashPassword: { password in try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) } },
            today: dependencies.today, now: dependencies.now
        ).addRoutes(to: console)
        if let visits = dependencies.visits {
            let visitController = VisitController(
                visits: visits, lookup: lookup, maintenance: maintenance, labelBaseURL: configuration.labelBaseURL, now: dependencies.now)
            visitController.addRoutes(to: console)
            let rescueConsole = rescueAPI.map { api in
                RescueConsoleController(rescues: api.rescues, rescueAPI: api, lookup: lookup, labelBaseURL: configuration.labelBaseURL, now: dependencies.now)
            }
            rescueConsole?.addRoutes(to: console)
            if let rescueAPI {
                RescueHistoryController(rescues: rescueAPI.rescues).addRoutes(to: console)
                BulletinConsoleController(rescueAPI: rescueAPI, today: dependencies.today).addRoutes(to: console)
            }
            let accounts = dependencies.accounts
            labels.staffPanel = { request, code, result in
                guard let session = try? await sessions.load(request: request), let account = try await accounts.account(id: session.accountID)
                else { return nil }
                let signIn = ConsoleSignIn(account: account, csrf: session.csrf)
                // A rescue's arrival first (people are trapped), then the visit.
                let rescue = try await rescueConsole?.panel(signIn: signIn, code: code, language: request.language)
                let visit = try await visitController.panel(signIn: signIn, code: code, result: result, language: request.language)
                let panels = [rescue, visit].compactMap { $0 }
                return panels.isEmpty ? nil : panels.joined()
            }
        }
    }
    labels.addRoutes(to: router)
    if let units = dependencies.units {
        AdminController(units: units)
            .addRoutes(to: router.group("/api/v1/admin").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    }
    return router
}
