import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension HTTPClientRequest {
    /// A test's call: `key` as Bearer (none when nil), extra `headers`, and a JSON `body` or a `rawBody` sent as is.
    static func test(
        _ method: HTTPMethod, _ url: String, key: String?, body: String? = nil, headers: [(String, String)] = [], rawBody: String? = nil
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        if let rawBody { request.body = .bytes(ByteBuffer(string: rawBody)) }
        return request
    }
}
