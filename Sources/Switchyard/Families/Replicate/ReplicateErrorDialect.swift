import HTTPTypes

/// Replicate's error body, problem JSON as the SDK reads it into `ReplicateError`: `{"title","detail","status"}`;
/// invalid input is a 422 and a spent balance a 402, as Replicate answers them.
public struct ReplicateErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        let status = status(for: error)
        return JSONValue.object([
            "title": .string(Self.title(status)), "detail": .string(error.message), "status": .int(Int(status.code)),
        ]).encoded()
    }

    public func status(for error: GatewayError) -> HTTPResponse.Status {
        switch error.code {
        case .validationFailed: .unprocessableContent
        case .insufficientQuota: HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required")
        default: error.status
        }
    }

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Bad request"
        case 401: "Unauthenticated"
        case 402: "Insufficient credit"
        case 403: "Forbidden"
        case 404: "Not found"
        case 409: "Conflict"
        case 413: "Request too large"
        case 422: "Input validation failed"
        case 429: "Too many requests"
        default: status.reasonPhrase.isEmpty ? "Error" : status.reasonPhrase
        }
    }
}
