import AsyncHTTPClient
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The one seam that builds the gateway, used by `switchyard serve`, the tests and the benchmarks alike.
public enum GatewayApplication {
    /// Claims the data directory (one serving process per directory: a second one gets `DataDirectoryInUse`),
    /// opens the store, wires every family and service, and returns the application ready to run.
    ///
    /// - Parameter onServerRunning: called with the bound port once the server listens (port 0 picks a free one).
    public static func build(
        config: GatewayConfig, clock: Clock = .wall, metrics: GatewayMetrics = GatewayMetrics(), logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let lock = try DataDirectoryLock.acquire(directory: config.dataDirectory)
        do {
            return try await build(config: config, lock: lock, clock: clock, metrics: metrics, logger: logger, onServerRunning: onServerRunning)
        } catch {
            lock.release()
            throw error
        }
    }

    private static func build(
        config: GatewayConfig, lock: DataDirectoryLock, clock: Clock, metrics: GatewayMetrics, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) async throws -> some ApplicationProtocol {
        let database = try await Database.open(location: config.databaseURL ?? config.dataDirectory, logger: logger)
        // What reads the store comes before the HTTP client: a store that fails here leaves no client to shut down.
        let prices: PriceBook
        let signingSecret: String
        do {
            prices = try await PriceBook(base: config.prices, database: database, clock: clock)
            signingSecret = try await GatewaySecrets.callbackSigningSecret(configured: config.callbacks.signingSecret, database: database)
        } catch {
            await database.close()
            throw error
        }
        var clientConfiguration = HTTPClient.Configuration()
        // The read timeout bounds the silence between chunks of a stream; whole calls have their own deadlines.
        clientConfiguration.timeout = .init(
            connect: .milliseconds(config.upstream.connectTimeoutMillis), read: .milliseconds(config.upstream.requestTimeoutMillis))
        // Nothing Switchyard fetches follows redirects: a redirect could lead a callback past the target policy.
        clientConfiguration.redirectConfiguration = .disallow
        // Many streams may run to one upstream at once; the client's default of 8 connections per host would queue
        // the rest until they time out.
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 2_048)
        // The gateway exports no traces: no span (not even a no-op one) per upstream call.
        clientConfiguration.tracing.tracer = nil
        let client = HTTPClient(eventLoopGroupProvider: .shared(MultiThreadedEventLoopGroup.singleton), configuration: clientConfiguration)

        let tokens = TokenStore(database: database, clock: clock)
        let channels = ChannelStore(database: database, clock: clock)
        let executor = UpstreamExecutor(
            client: client, settings: config.upstream, metrics: metrics, health: ChannelHealth(settings: config.relay), channels: channels,
            clock: clock)
        let families = FamilyModules.taskFamilies(settings: config.families)
        let spend = SpendBuffer()
        let publicURL = PublicBaseURL(configured: config.publicURL, host: config.host, port: config.port)
        let mediaBackend: any MediaBackend =
            config.media.s3.map { S3MediaBackend(client: client, settings: $0, logger: logger) } ?? LocalMediaBackend()
        let mediaStore = MediaStore(
            database: database, directory: config.media.resolvedDirectory(dataDirectory: config.dataDirectory), baseURL: publicURL, clock: clock,
            backend: mediaBackend)
        let mediaCopier = MediaCopier(
            store: mediaStore,
            fetcher: MediaFetcher(
                client: client, policy: CallbackTargetPolicy(allowPrivateTargets: config.media.allowPrivateSources), settings: config.media,
                logger: logger),
            settings: config.media, clock: clock)
        // Several instances may share a PostgreSQL store: balances are spent through leased allowances, and a task
        // view cached here is trusted only briefly (another instance may have moved the task since).
        let allowance = database.dialect == .postgres ? SpendAllowance(database: database, spend: spend, clock: clock) : nil
        let views = database.dialect == .postgres ? TaskViewCache(maxAgeMillis: TaskViewCache.sharedStoreMaxAgeMillis) : TaskViewCache()
        var engine = TaskEngine(
            store: TaskStore(database: database, clock: clock, views: views), artifacts: ArtifactStore(database: database, clock: clock),
            channels: channels,
            executor: executor, families: families,
            prices: prices, spend: spend, settings: config.tasks, clock: clock, metrics: metrics, media: config.media.enabled ? mediaCopier : nil)
        // On PostgreSQL another instance's change cannot be known without asking the store (`currentRevisions` is
        // nil there): every call reads its key, so a key revoked anywhere is refused everywhere from its next call.
        let authenticator = CustomerAuthenticator(tokens: tokens, cacheMillis: database.dialect == .postgres ? 0 : 1_000)
        let callbackPolicy = CallbackTargetPolicy(allowPrivateTargets: config.callbacks.allowPrivateTargets)

        engine.allowance = allowance
        let relay = SyncRelay(
            executor: executor, channels: channels, prices: prices, spend: spend, settings: config.relay, upstream: config.upstream, metrics: metrics,
            clock: clock, allowance: allowance)

        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: EdgeMiddleware(dialects: FamilyModules.dialects, metrics: metrics))
        let probe = ChannelProbe(
            channels: channels, executor: executor, health: executor.health, intervalMillis: config.relay.probeIntervalMillis, logger: logger)
        let context = FamilyContext(
            config: config, database: database, engine: engine, relay: relay, channels: channels, tokens: tokens, authenticator: authenticator,
            callbackPolicy: callbackPolicy, prices: prices, probe: probe, clock: clock)
        for module in FamilyModules.all {
            module.register(on: router, context: context)
        }
        SystemRoutes(database: database, metrics: metrics, spend: spend).register(on: router)
        MediaRoutes(store: mediaStore, clock: clock).register(on: router)

        var app = Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Switchyard"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                publicURL.bound(port: port)
                await onServerRunning(port)
            },
            logger: logger)
        // Services stop in reverse order: the closer is added first so it releases the client and store last.
        app.addServices(
            ResourceCloser(client: client, database: database, lock: lock, allowance: allowance),
            UsageRecorder(database: database, buffer: spend, clock: clock, logger: logger),
            probe,
            TaskPoller(engine: engine, logger: logger),
            TaskSweeper(engine: engine, logger: logger),
            MediaSweeper(store: mediaStore, settings: config.media, logger: logger),
            CallbackSender(
                database: database, client: client, settings: config.callbacks, signingSecret: signingSecret, clock: clock, metrics: metrics,
                logger: logger))
        return app
    }
}

/// Holds the HTTP client, the store and the data directory's lock while the gateway runs, and releases them at
/// shutdown.
struct ResourceCloser: Service {
    let client: HTTPClient
    let database: Database
    let lock: DataDirectoryLock
    /// This instance's leased allowances, given back once the last charges are written (services stop in reverse
    /// order, the usage recorder before this one).
    var allowance: SpendAllowance? = nil

    func run() async throws {
        try? await gracefulShutdown()
        // The service may already be cancelled here; closing must still run to completion, so it runs detached.
        let client = self.client
        let database = self.database
        let lock = self.lock
        let allowance = self.allowance
        await Task.detached {
            await allowance?.releaseAll()
            try? await client.shutdown()
            await database.close()
            lock.release()
        }.value
    }
}
