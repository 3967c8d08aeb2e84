import HTTPTypes

/// OpenAI's error object, `{"error":{"message","type","param","code"}}`, with OpenAI's statuses and type names.
public struct OpenAIErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        let (type, code) = Self.typeAndCode(error)
        return JSONValue.object([
            "error": .object(["message": .string(error.message), "type": .string(type), "param": .null, "code": code.map(JSONValue.string) ?? .null])
        ]).encoded()
    }

    /// OpenAI answers a spent quota with 429 and every invalid request, wrong types included, with 400.
    public func status(for error: GatewayError) -> HTTPResponse.Status {
        switch error.code {
        case .insufficientQuota: .tooManyRequests
        case .validationFailed: .badRequest
        default: error.status
        }
    }

    static func typeAndCode(_ error: GatewayError) -> (String, String?) {
        switch error.code {
        case .unauthenticated: ("invalid_request_error", "invalid_api_key")
        case .insufficientQuota: ("insufficient_quota", "insufficient_quota")
        case .rateLimited: ("rate_limit_error", "rate_limit_exceeded")
        case .modelNotFound: ("invalid_request_error", "model_not_found")
        case .notFound: ("invalid_request_error", nil)
        case .noChannel: ("server_error", "model_not_available")
        case .upstreamUnavailable, .upstreamTimeout, .upstreamMalformed, .internalError: ("server_error", error.code.rawValue)
        default: ("invalid_request_error", error.code.rawValue)
        }
    }
}
