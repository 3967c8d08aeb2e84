import Hummingbird

/// Suno's success envelope, `{"code":"success","message":"","data": ...}`.
enum SunoEnvelope {
    /// The envelope around already-encoded JSON `data`.
    static func response(data: String) -> Response {
        .json(#"{"code":"success","message":"","data":"# + data + "}")
    }

    static func response(_ data: JSONValue) -> Response {
        response(data: data.encoded())
    }

    /// The `data` of an upstream answer when it is a success envelope, HTTP-200 errors included as failures.
    static func data(of response: UpstreamResponse) -> JSONValue? {
        guard response.isSuccess, let envelope = response.json, envelope["code"] == "success" else { return nil }
        return envelope["data"] ?? .null
    }
}
