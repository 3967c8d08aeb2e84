import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A stand-in Luma upstream whose status answers a test scripts: creates are accepted at once (`queued`); each
/// `GET /generations/{id}` is answered as `script` says for the number of reads of that generation before it, and a
/// `.hold` answer is held open until `release()` (as an upstream that stalls until the caller's deadline).
final class ScriptedLumaUpstream: Sendable {
    enum Read: Sendable {
        case notFound
        case state(String)
        case hold
    }

    private struct Counts {
        var created = 0
        var readsByID: [String: Int] = [:]
        var heldNow = 0
        var mostHeldAtOnce = 0
    }

    private let script: @Sendable (_ previousReads: Int) -> Read
    /// The `assets` object of a completed generation, by its id.
    private let assets: @Sendable (_ id: String) -> String
    private let counts = Mutex(Counts())
    private let released = Atomic<Bool>(false)
    private let server = Mutex<LocalHTTPServer?>(nil)

    private init(script: @escaping @Sendable (Int) -> Read, assets: @escaping @Sendable (String) -> String) {
        self.script = script
        self.assets = assets
    }

    static func start(
        assets: @escaping @Sendable (_ id: String) -> String = { #"{"video":"https://example.invalid/\#($0).mp4"}"# },
        script: @escaping @Sendable (_ previousReads: Int) -> Read
    ) async -> ScriptedLumaUpstream {
        let upstream = ScriptedLumaUpstream(script: script, assets: assets)
        let router = Router()
        router.post("generations/video") { _, _ -> Response in upstream.create() }
        router.post("generations") { _, _ -> Response in upstream.create() }
        router.get("generations/{id}") { _, context -> Response in
            try await upstream.read(id: context.parameters.require("id"))
        }
        router.delete("generations/{id}") { _, _ -> Response in Response(status: .noContent) }
        let server = await LocalHTTPServer.start(responder: router.buildResponder())
        upstream.server.withLock { $0 = server }
        return upstream
    }

    var baseURL: String { "http://127.0.0.1:\(server.withLock { $0?.port ?? 0 })" }
    /// Status reads being held open right now, and the most there ever were at once.
    var heldNow: Int { counts.withLock { $0.heldNow } }
    var mostHeldAtOnce: Int { counts.withLock { $0.mostHeldAtOnce } }
    func reads(of id: String) -> Int { counts.withLock { $0.readsByID[id] ?? 0 } }

    /// Ends every held read (with a 503) and lets later ones through the same way.
    func release() { released.store(true, ordering: .sequentiallyConsistent) }

    func stop() async {
        release()
        await server.withLock { $0 }?.stop()
    }

    private func create() -> Response {
        let number = counts.withLock { counts in
            counts.created += 1
            return counts.created
        }
        return Self.json(generation(id: "scripted-\(number)", state: "queued"), status: .created)
    }

    private func read(id: String) async throws -> Response {
        let previous = counts.withLock { counts in
            let previous = counts.readsByID[id] ?? 0
            counts.readsByID[id] = previous + 1
            return previous
        }
        switch script(previous) {
        case .notFound:
            return Self.json(#"{"detail":"Generation not found"}"#, status: .notFound)
        case .state(let state):
            return Self.json(generation(id: id, state: state), status: .ok)
        case .hold:
            counts.withLock { counts in
                counts.heldNow += 1
                counts.mostHeldAtOnce = max(counts.mostHeldAtOnce, counts.heldNow)
            }
            defer { counts.withLock { $0.heldNow -= 1 } }
            while !released.load(ordering: .sequentiallyConsistent) {
                try await Task.sleep(for: .milliseconds(10))
            }
            return Self.json(#"{"detail":"released"}"#, status: .serviceUnavailable)
        }
    }

    private func generation(id: String, state: String) -> String {
        let assets = state == "completed" ? self.assets(id) : "null"
        return #"{"id":"\#(id)","state":"\#(state)","failure_reason":null,"assets":\#(assets),"version":"v1"}"#
    }

    private static func json(_ body: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
