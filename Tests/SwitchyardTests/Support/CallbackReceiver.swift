import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A customer's callback endpoint: records every POST it receives (body and signature header).
final class CallbackReceiver: Sendable {
    struct Delivery: Sendable {
        let body: String
        let signature: String?
    }

    let received = Mutex<[Delivery]>([])
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let group = Mutex<ServiceGroup?>(nil)
    let port = Mutex(0)

    static func start() async throws -> CallbackReceiver {
        let receiver = CallbackReceiver()
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            receiver.received.withLock {
                $0.append(Delivery(body: String(buffer: body), signature: request.headers[.init("x-switchyard-signature")!]))
            }
            return Response(status: .ok)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: TestHarness.logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: TestHarness.logger))
        receiver.group.withLock { $0 = group }
        receiver.task.withLock { $0 = Task { try await group.run() } }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        receiver.port.withLock { $0 = port }
        return receiver
    }

    var url: String { "http://127.0.0.1:\(port.withLock { $0 })/hook" }
    var deliveries: [Delivery] { received.withLock { $0 } }

    func stop() async {
        await group.withLock { $0 }?.triggerGracefulShutdown()
        _ = try? await task.withLock { $0 }?.value
    }
}
