import Hummingbird
import NIOCore
import Synchronization

/// A stand-in for an upstream's file host: serves `GET /files/{name}` with the same bytes for every name, and
/// answers 503 to the first `failures[name]` requests of a name, counting every request.
final class MediaSource: Sendable {
    /// A file's bytes: not text, so that a lossy copy would show.
    static let bytes: [UInt8] = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }

    private let failures: [String: Int]
    private let requests = Mutex<[String: Int]>([:])
    private let server = Mutex<LocalHTTPServer?>(nil)

    private init(failures: [String: Int]) { self.failures = failures }

    static func start(failures: [String: Int] = [:]) async -> MediaSource {
        let source = MediaSource(failures: failures)
        let router = Router()
        router.get("files/{name}") { _, context -> Response in
            let name = try context.parameters.require("name")
            let previous = source.requests.withLock { requests in
                defer { requests[name, default: 0] += 1 }
                return requests[name, default: 0]
            }
            guard previous >= source.failures[name, default: 0] else { return Response(status: .serviceUnavailable) }
            return Response(
                status: .ok, headers: [.contentType: "image/png"], body: .init(byteBuffer: ByteBuffer(bytes: MediaSource.bytes)))
        }
        let server = await LocalHTTPServer.start(responder: router.buildResponder())
        source.server.withLock { $0 = server }
        return source
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(server.withLock { $0?.port ?? 0 })/files/\(name)" }
    func requests(of name: String) -> Int { requests.withLock { $0[name, default: 0] } }

    func stop() async {
        await server.withLock { $0 }?.stop()
    }
}
