import HTTPTypes

/// Anthropic's error body, `{"type":"error","error":{"type","message"}}`, with Anthropic's type names.
public struct AnthropicErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object([
            "type": "error", "error": .object(["type": .string(Self.type(for: status(for: error))), "message": .string(error.message)]),
        ]).encoded()
    }

    /// Anthropic reports a spent balance as a 400 ("credit balance is too low"), and invalid requests as 400.
    public func status(for error: GatewayError) -> HTTPResponse.Status {
        switch error.code {
        case .insufficientQuota, .validationFailed: .badRequest
        default: error.status
        }
    }

    static func type(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 401: "authentication_error"
        case 403: "permission_error"
        case 404: "not_found_error"
        case 413: "request_too_large"
        case 429: "rate_limit_error"
        case 503, 529: "overloaded_error"
        case 500...: "api_error"
        default: "invalid_request_error"
        }
    }
}
