import Hummingbird

/// An error answered the way the Anthropic API does: a fitting status with
/// `{"type":"error","error":{"type":"<kind>","message":"..."}}`.
struct AnthropicError: Error, Sendable {
    /// HTTP status of the answer.
    let status: HTTPResponse.Status
    /// The error `type`, e.g. "invalid_request_error".
    let type: String
    /// Human-readable `message`.
    let message: String
    /// Extra headers, e.g. `retry-after` on a 429.
    var headers: HTTPFields = [:]

    /// The JSON response for this error.
    var response: Response {
        let body = EmulatorJSON.object([
            ("type", .string("error")),
            ("error", .object([("type", .string(type)), ("message", .string(message))])),
        ])
        var response = EmulatorResponse.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// An error with every part given.
    init(status: HTTPResponse.Status, type: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.type = type
        self.message = message
        self.headers = headers
    }

    /// The Anthropic form of an error raised by the shared helpers (body reading, field validation): wrong types
    /// and missing fields are 400 `invalid_request_error`, as Anthropic answers them.
    init(_ error: EmulatorHTTPError) {
        switch error.status {
        case .contentTooLarge:
            self.init(status: .contentTooLarge, type: "request_too_large", message: error.detail)
        case .notFound:
            self.init(status: .notFound, type: "not_found_error", message: error.detail)
        case .badRequest, .unprocessableContent:
            self.init(status: .badRequest, type: "invalid_request_error", message: error.detail)
        default:
            self.init(status: error.status, type: "api_error", message: error.detail)
        }
        headers = error.headers
    }

    /// 400 `invalid_request_error`.
    static func invalidRequest(_ message: String) -> AnthropicError {
        AnthropicError(status: .badRequest, type: "invalid_request_error", message: message)
    }

    /// 404 `not_found_error`.
    static func notFound(_ message: String) -> AnthropicError {
        AnthropicError(status: .notFound, type: "not_found_error", message: message)
    }

    /// 401: no `x-api-key` (nor Bearer key).
    static let missingKey = AnthropicError(
        status: .unauthorized, type: "authentication_error", message: "x-api-key header is required")

    /// 401: a key this instance does not accept.
    static let invalidKey = AnthropicError(
        status: .unauthorized, type: "authentication_error", message: "invalid x-api-key")

    /// 400: the `anthropic-version` header is missing.
    static let missingVersion = invalidRequest("anthropic-version: header is required")

    /// 500: the `500` and `fail` faults.
    static let serverError = AnthropicError(
        status: .internalServerError, type: "api_error", message: "Internal server error (emulated)")

    /// 429: the `429` fault.
    static let rateLimited = AnthropicError(
        status: .tooManyRequests,
        type: "rate_limit_error",
        message: "Number of requests has exceeded your rate limit (emulated)",
        headers: [.retryAfter: "1"])
}
