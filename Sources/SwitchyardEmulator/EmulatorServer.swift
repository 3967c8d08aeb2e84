import Hummingbird
import Logging
import ServiceLifecycle

/// A running emulator; `start` binds and returns once the port is known.
public final class EmulatorServer: Sendable {
    /// State shared with the routes (port, counters, stop flag).
    let runtime: EmulatorRuntime
    /// The group running the Hummingbird application; asked to shut down gracefully by `stop()`.
    private let serviceGroup: ServiceGroup
    /// The task running `serviceGroup`; awaited by `stop()`.
    private let runTask: Task<Void, any Error>

    /// The longest a graceful shutdown may take before in-flight requests are cancelled.
    private static let maximumGracefulShutdown = Duration.seconds(5)

    /// Wraps a started server.
    private init(runtime: EmulatorRuntime, serviceGroup: ServiceGroup, runTask: Task<Void, any Error>) {
        self.runtime = runtime
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    /// Starts an emulator with `configuration` and returns once it listens.
    /// - Throws: the bind error when the address or port cannot be used.
    public static func start(
        _ configuration: EmulatorConfiguration,
        logger: Logger = Logger(label: "emulator")
    ) async throws -> EmulatorServer {
        let runtime = EmulatorRuntime(configuration: configuration)
        // The bound port is announced through this stream; it finishes without a value if binding fails.
        let (boundPorts, announcePort) = AsyncStream.makeStream(of: Int.self)

        let application = Application(
            router: EmulatorRouter.build(runtime: runtime),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            onServerRunning: { channel in
                // Recorded here, before the accept loop starts, so no request can see port 0.
                let port = channel.localAddress?.port ?? configuration.port
                runtime.setPort(port)
                announcePort.yield(port)
                announcePort.finish()
            },
            logger: logger
        )
        var groupConfiguration = ServiceGroupConfiguration(services: [application], logger: logger)
        groupConfiguration.maximumGracefulShutdownDuration = maximumGracefulShutdown
        let serviceGroup = ServiceGroup(configuration: groupConfiguration)

        let runTask = Task {
            defer { announcePort.finish() }
            try await serviceGroup.run()
        }

        for await _ in boundPorts {
            return EmulatorServer(runtime: runtime, serviceGroup: serviceGroup, runTask: runTask)
        }
        // The stream ended without a port: the group stopped before listening; surface its error.
        try await runTask.value
        throw EmulatorStartError.stoppedBeforeListening
    }

    /// The port the server listens on.
    public var port: Int {
        runtime.port
    }

    /// Base URL of the Luma API on this emulator: "http://127.0.0.1:PORT/dream-machine/v1".
    public var lumaBaseURL: String {
        runtime.rootURL + LumaEmulatorRoutes.basePath
    }

    /// Root URL under which the Suno API is served at `/suno/...`: "http://127.0.0.1:PORT" (a Suno channel's
    /// base URL).
    public var sunoBaseURL: String {
        runtime.rootURL
    }

    /// Root URL under which the Udio API is served at `/udio/...`: "http://127.0.0.1:PORT" (a Udio channel's
    /// base URL).
    public var udioBaseURL: String {
        runtime.rootURL
    }

    /// Base URL of Black Forest Labs' Flux API on this emulator (a Flux channel's base URL; the upstream paths are
    /// `/v1/...`): "http://127.0.0.1:PORT/bfl".
    public var fluxBaseURL: String {
        runtime.rootURL + FluxCatalog.basePath
    }

    /// Root URL under which the midjourney-proxy API is served at `/mj/...`: "http://127.0.0.1:PORT" (a
    /// Midjourney channel's base URL).
    public var midjourneyBaseURL: String {
        runtime.rootURL
    }

    /// Base URL of the Runway API on this emulator, a Runway channel's base URL: "http://127.0.0.1:PORT/runwayml"
    /// (calls go to `/v1/...` under it, as on `api.dev.runwayml.com`).
    public var runwayBaseURL: String {
        runtime.rootURL + RunwayEmulatorCatalog.basePath
    }

    /// The emulated time of this instance's jobs: tests advance it instead of sleeping until a job finishes.
    public var clock: EmulatorClock {
        runtime.clock
    }

    /// Base URL of the OpenAI API on this emulator, what the `openai` SDK takes as `base_url`:
    /// "http://127.0.0.1:PORT/v1".
    public var openAIBaseURL: String {
        runtime.rootURL + OpenAIEmulatorRoutes.basePath
    }

    /// Base URL of the Anthropic API on this emulator, what the `anthropic` SDK takes as `base_url`:
    /// "http://127.0.0.1:PORT" (the SDK appends `/v1/messages`).
    public var anthropicBaseURL: String {
        runtime.rootURL
    }

    /// Stops the server (graceful shutdown) and waits for it.
    ///
    /// Requests held by the `slow` or `timeout` faults are released at once so shutdown does not wait for them.
    public func stop() async {
        runtime.beginStopping()
        await serviceGroup.triggerGracefulShutdown()
        _ = await runTask.result
    }

    /// Counters tests read: how many requests each route received, e.g. "POST /generations/video" (Luma, relative
    /// to its base path), "POST /suno/submit/music" (Suno), "POST /udio/generate-proxy" (Udio),
    /// "POST /v1/chat/completions" (OpenAI) or "POST /v1/messages" (Anthropic), the last four by their full path
    /// template. `GET /v1/models` and `GET /v1/models/{id}` count the requests of both OpenAI and Anthropic.
    public func requestCount(_ route: String) -> Int {
        runtime.requestCount(route)
    }
}

/// Why `EmulatorServer.start` failed when the underlying server gave no error of its own.
enum EmulatorStartError: Error {
    /// The server finished without ever listening.
    case stoppedBeforeListening
}
