import Hummingbird
import Synchronization

/// A customer's callback endpoint that answers 500 to the first delivery of each body in `failingOnce` and 200 to
/// everything else, and records every delivery with its answer, in the order they arrived.
final class FlakyCallbackReceiver: Sendable {
    struct Hit: Sendable, Equatable, CustomStringConvertible {
        let body: String
        let status: Int
        var description: String { "\(body) → \(status)" }
    }

    private let recorded = Mutex<[Hit]>([])
    private let toFail: Mutex<Set<String>>
    private let server = Mutex<LocalHTTPServer?>(nil)

    private init(failingOnce: Set<String>) { toFail = Mutex(failingOnce) }

    static func start(failingOnce: Set<String>) async throws -> FlakyCallbackReceiver {
        let receiver = FlakyCallbackReceiver(failingOnce: failingOnce)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            let fails = receiver.toFail.withLock { $0.remove(body) != nil }
            let status: HTTPResponse.Status = fails ? .internalServerError : .ok
            receiver.recorded.withLock { $0.append(Hit(body: body, status: Int(status.code))) }
            return Response(status: status)
        }
        let server = await LocalHTTPServer.start(responder: responder)
        receiver.server.withLock { $0 = server }
        return receiver
    }

    var url: String { "http://127.0.0.1:\(server.withLock { $0?.port ?? 0 })/hook" }
    var hits: [Hit] { recorded.withLock { $0 } }

    func stop() async {
        await server.withLock { $0 }?.stop()
    }
}
