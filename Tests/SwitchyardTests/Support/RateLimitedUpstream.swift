import Hummingbird
import Synchronization

/// A stand-in upstream that answers every request `429` with `Retry-After: 60` and counts them: a channel whose only
/// key is over its rate limit for longer than any test runs.
final class RateLimitedUpstream: Sendable {
    private let requests = Atomic<Int>(0)
    private let server = Mutex<LocalHTTPServer?>(nil)

    private init() {}

    static func start() async -> RateLimitedUpstream {
        let upstream = RateLimitedUpstream()
        let router = Router()
        router.on("**", method: .post) { _, _ in upstream.refuse() }
        router.on("**", method: .get) { _, _ in upstream.refuse() }
        let server = await LocalHTTPServer.start(responder: router.buildResponder())
        upstream.server.withLock { $0 = server }
        return upstream
    }

    var baseURL: String { "http://127.0.0.1:\(server.withLock { $0?.port ?? 0 })" }
    /// Requests answered so far.
    var requestCount: Int { requests.load(ordering: .sequentiallyConsistent) }

    func stop() async { await server.withLock { $0 }?.stop() }

    private func refuse() -> Response {
        requests.add(1, ordering: .sequentiallyConsistent)
        return Response(
            status: .tooManyRequests, headers: [.contentType: "application/json", .retryAfter: "60"],
            body: .init(byteBuffer: .init(string: #"{"detail":"Too many requests"}"#)))
    }
}
