import Hummingbird

/// Builders for the responses every emulated family sends.
enum EmulatorResponse {
    /// A JSON response with the exact bytes of `value`.
    static func json(_ value: EmulatorJSON, status: HTTPResponse.Status = .ok) -> Response {
        raw(value.serialized, status: status)
    }

    /// A response whose body is `text` labelled as JSON, valid or not (the `malformed` fault relies on this).
    static func raw(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    /// An empty response, e.g. 204 after a delete.
    static func empty(status: HTTPResponse.Status) -> Response {
        Response(status: status, body: ResponseBody())
    }
}
