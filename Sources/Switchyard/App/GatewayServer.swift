import Logging
import ServiceLifecycle
import Synchronization

/// A gateway running in the background of the current process, for tests, benchmarks and `--demo`.
public final class GatewayServer: Sendable {
    public let port: Int
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    private init(port: Int, group: ServiceGroup, running: Task<Void, any Error>) {
        self.port = port
        self.group = group
        self.running = running
    }

    /// Builds and starts the gateway, returning once it listens.
    public static func start(config: GatewayConfig, clock: Clock = .wall, logger: Logger) async throws -> GatewayServer {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await GatewayApplication.build(config: config, clock: clock, logger: logger) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let running = Task {
            defer { portContinuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await running.value
            throw GatewayError.internalError("gateway stopped before listening")
        }
        return GatewayServer(port: port, group: group, running: running)
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Shuts down gracefully and waits until every service has stopped.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await running.value
    }
}
