import AsyncHTTPClient
import Hummingbird
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
            TrustWatcher(keys: keys, pageCache: pageCache, interval: configuration.trustCheckInterval, logger: logger, stamp: stamp, reload: reload))
    }
    return Application(
        router: router,
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
    router.add(middleware: RouteMetricsMiddleware(metrics: metrics))
    if configuration.logRequests {
        router.add(middleware: RequestLogMiddleware(level: .info))
    }
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maximumBodySize))
    let lookup = ElevatorLookup(registry: dependencies.registry, verifier: LabelVerifier(signatures: keys))
    let desk = ComplaintDesk(
        lookup: lookup, complaints: dependencies.complaints,
        perClient: configuration.complaintsPerClientPerMinute.map { RateLimiter(limit: $0, window: 60) },
        perElevator: configuration.complaintsPerElevatorPerHour.map { RateLimiter(limit: $0, window: 3600) },
        metrics: metrics, labelBaseURL: configuration.labelBaseURL, today: dependencies.today)

    SystemController(metrics: metrics, keys: keys).addRoutes(to: router)
    LabelController(
        lookup: lookup, desk: desk, metrics: metrics, labelBaseURL: configuration.labelBaseURL, today: dependencies.today,
        pageCache: pageCache)
        .addRoutes(to: router)
    ComplaintController(desk: desk, complaints: dependencies.complaints).addRoutes(to: router)
    Open311Controller(desk: desk, complaints: dependencies.complaints).addRoutes(to: router)
    AccountController(complaints: dependencies.complaints, registry: dependencies.registry, today: dependencies.today)
        .addRoutes(to: router.group("/api/v1").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    MaintenanceController(
        maintenance: dependencies.maintenance, lookup: lookup, today: dependencies.today, now: dependencies.now,
        maximumVisitDuration: configuration.maximumVisitDuration)
        .addRoutes(to: router.group("/api/v1").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    if let rescues = dependencies.rescues {
        RescueController(rescues: rescues, lookup: lookup, today: dependencies.today, now: dependencies.now)
            .addRoutes(to: router.group("/api/v1").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    }
    RegulatorController(supervision: dependencies.supervision, today: dependencies.today, now: dependencies.now)
        .addRoutes(to: router.group("/api/v1/regulator").add(middleware: BearerAuthenticator(accounts: dependencies.accounts)))
    return router
}
