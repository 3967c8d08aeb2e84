import Hummingbird
import NIOCore

/// Reading request bodies within the configured limit.
enum RequestBody {
    /// Collects the body, refusing more than `limit` bytes with a 413.
    static func collect(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw GatewayError.payloadTooLarge(limit: limit)
        }
    }

    /// Collects and parses a JSON object body; malformed JSON and non-objects are a 400.
    static func jsonObject(_ request: Request, limit: Int) async throws -> JSONObject {
        let buffer = try await collect(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw GatewayError.invalidRequest("Request body must be a JSON object") }
        guard let value = JSONValue.parse(buffer.readableBytesView) else { throw GatewayError.invalidRequest("Request body is not valid JSON") }
        guard case .object(let object) = value else { throw GatewayError.invalidRequest("Request body must be a JSON object") }
        return object
    }
}

extension Response {
    /// A JSON response from already-encoded text.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
