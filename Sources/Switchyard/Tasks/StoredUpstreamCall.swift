import NIOHTTP1

/// How a task keeps the upstream call it will make: `{"method", "path", "body"}` as JSON in the task row, so a
/// restart or a reconciliation can rebuild exactly the same request.
public enum StoredUpstreamCall {
    public static func make(_ method: HTTPMethod, _ path: String, body: JSONObject?) -> JSONValue {
        var call: JSONObject = ["method": .string(method.rawValue), "path": .string(path)]
        if let body { call["body"] = .object(body) }
        return .object(call)
    }

    /// The request stored in `call`; a call without a method is a POST.
    public static func request(from call: JSONValue) throws -> UpstreamRequest {
        guard let path = call["path"]?.stringValue else { throw GatewayError.internalError("stored upstream call has no path") }
        let method = call["method"]?.stringValue.map { HTTPMethod(rawValue: $0) } ?? .POST
        return .json(method, path, body: call["body"])
    }
}
