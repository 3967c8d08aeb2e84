import HTTPTypes

/// Runway's error body, `{"error": "...", "issues": [...]}`: a field problem is an issue naming its path, and every
/// refusal of the request itself is a 400 as Runway answers it (its SDK raises `BadRequestError`).
public struct RunwayErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        var body: JSONObject = ["error": .string(error.message)]
        if error.code == .validationFailed, let colon = error.message.range(of: ": ") {
            let field = String(error.message[..<colon.lowerBound])
            let path = field.split(separator: ".").map { JSONValue.string(String($0)) }
            body["error"] = "Validation of body failed"
            body["issues"] = .array([.object(["path": .array(path), "message": .string(String(error.message[colon.upperBound...]))])])
        }
        return JSONValue.object(body).encoded()
    }

    public func status(for error: GatewayError) -> HTTPResponse.Status {
        switch error.code {
        case .validationFailed, .insufficientQuota, .modelNotPriced: .badRequest
        default: error.status
        }
    }
}
