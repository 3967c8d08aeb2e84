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
    private let server = Mutex<LocalHTTPServer?>(nil)

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
        let server = await LocalHTTPServer.start(responder: router.buildResponder())
        receiver.server.withLock { $0 = server }
        return receiver
    }

    var port: Int { server.withLock { $0?.port ?? 0 } }
    var url: String { "http://127.0.0.1:\(port)/hook" }
    var deliveries: [Delivery] { received.withLock { $0 } }

    func stop() async {
        await server.withLock { $0 }?.stop()
    }
}
