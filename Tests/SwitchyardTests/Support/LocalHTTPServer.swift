import Hummingbird
import ServiceLifecycle

/// A Hummingbird server on 127.0.0.1 and a free port, run until `stop`: what the tests' stand-ins for customers'
/// endpoints and attackers' addresses share.
struct LocalHTTPServer: Sendable {
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    static func start<Responder: HTTPResponder>(responder: Responder) async -> LocalHTTPServer where Responder.Context == BasicRequestContext {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: responder, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: TestHarness.logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: TestHarness.logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        return LocalHTTPServer(port: await iterator.next() ?? 0, group: group, task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}
