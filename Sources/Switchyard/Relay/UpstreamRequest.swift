import NIOCore
import NIOHTTP1

/// One call to an upstream, as a family's codec builds it: relative to the channel's base URL, without credentials.
public struct UpstreamRequest: Sendable {
    public var method: HTTPMethod
    /// Appended to the channel's base URL; may carry a query string.
    public var path: String
    public var headers: HTTPHeaders
    public var body: ByteBuffer?

    public init(method: HTTPMethod, path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }

    /// A JSON call with `body` encoded as the body.
    public static func json(_ method: HTTPMethod, _ path: String, body: JSONValue?) -> UpstreamRequest {
        var headers: HTTPHeaders = ["Accept": "application/json"]
        var buffer: ByteBuffer?
        if let body {
            headers.add(name: "Content-Type", value: "application/json")
            buffer = ByteBuffer(string: body.encoded())
        }
        return UpstreamRequest(method: method, path: path, headers: headers, body: buffer)
    }
}

/// An upstream's answer, collected within the executor's size limit.
public struct UpstreamResponse: Sendable {
    public let status: Int
    public let headers: HTTPHeaders
    public let body: ByteBuffer

    public init(status: Int, headers: HTTPHeaders, body: ByteBuffer) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
    public var json: JSONValue? { JSONValue.parse(body.readableBytesView) }
}
