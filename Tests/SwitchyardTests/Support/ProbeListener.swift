import HTTPTypes
import Hummingbird
import Synchronization

/// A listener on 127.0.0.1 that records every request it receives and answers each with `status` (and a
/// `Location` when given): an address an attacker would like Switchyard to call.
final class ProbeListener: Sendable {
    struct Hit: Sendable, CustomStringConvertible {
        let method: String
        let uri: String
        var description: String { "\(method) \(uri)" }
    }

    private let recorded = Mutex<[Hit]>([])
    private let server = Mutex<LocalHTTPServer?>(nil)

    static func start(status: HTTPResponse.Status = .ok, location: String? = nil) async throws -> ProbeListener {
        let listener = ProbeListener()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            _ = try? await request.body.collect(upTo: 1 << 20)
            listener.recorded.withLock { $0.append(Hit(method: request.method.rawValue, uri: request.uri.description)) }
            var headers = HTTPFields()
            if let location { headers[.location] = location }
            return Response(status: status, headers: headers)
        }
        let server = await LocalHTTPServer.start(responder: responder)
        listener.server.withLock { $0 = server }
        return listener
    }

    var port: Int { server.withLock { $0?.port ?? 0 } }
    var address: String { "127.0.0.1:\(port)" }
    var url: String { "http://\(address)/hook" }
    var hits: [Hit] { recorded.withLock { $0 } }

    func stop() async {
        await server.withLock { $0 }?.stop()
    }
}
