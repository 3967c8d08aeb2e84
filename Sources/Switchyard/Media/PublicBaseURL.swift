import Synchronization

/// The gateway's address as its customers reach it, which the media URLs it hands out start with: the operator's
/// `server.public_url`, else `http://<host>:<port>` with the port the server actually bound (port 0 picks one).
public final class PublicBaseURL: Sendable {
    private let configured: String?
    private let host: String
    private let port: Mutex<Int>

    init(configured: String?, host: String, port: Int) {
        self.configured = configured.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        // A wildcard listen address is no address to give out; loopback is what reaches it from this machine.
        self.host = ["0.0.0.0", "::", "[::]", ""].contains(host) ? "127.0.0.1" : host
        self.port = Mutex(port)
    }

    /// Records the port the server listens on.
    func bound(port: Int) { self.port.withLock { $0 = port } }

    /// The base URL, without a trailing slash.
    public var value: String {
        if let configured { return configured }
        let host = self.host.contains(":") && !self.host.hasPrefix("[") ? "[\(self.host)]" : self.host
        return "http://\(host):\(port.withLock { $0 })"
    }
}
