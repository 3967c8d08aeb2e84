import NIOCore
import NIOPosix
import Synchronization

/// A receiver on 127.0.0.1 that accepts connections, takes whatever is sent, and never answers: the slowest
/// customer endpoint there is.
final class SilentListener: Sendable {
    private let accepted = Mutex<[any Channel]>([])
    private let server = Mutex<(any Channel)?>(nil)

    static func start() async throws -> SilentListener {
        let listener = SilentListener()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                listener.accepted.withLock { $0.append(child) }
                return child.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        listener.server.withLock { $0 = channel }
        return listener
    }

    var port: Int { server.withLock { $0?.localAddress?.port ?? 0 } }
    var url: String { "http://127.0.0.1:\(port)/hook" }
    /// Connections accepted so far.
    var connectionCount: Int { accepted.withLock { $0.count } }

    /// Closes every connection (the callers then see them drop) and stops listening.
    func stop() async {
        for child in accepted.withLock({ $0 }) { try? await child.close() }
        try? await server.withLock { $0 }?.close()
    }
}
