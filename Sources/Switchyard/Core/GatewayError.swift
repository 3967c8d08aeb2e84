import HTTPTypes

/// The one error type of the gateway: a stable code, an HTTP status and a message that is safe to show a customer.
///
/// Families render it in their own error shape at the edge; nothing inside the core knows those shapes.
public struct GatewayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable, snake_case identifiers; also used as metric labels.
    public enum Code: String, Sendable {
        case invalidRequest = "invalid_request"
        case validationFailed = "validation_failed"
        case unauthenticated = "unauthenticated"
        case insufficientQuota = "insufficient_quota"
        case notFound = "not_found"
        case modelNotFound = "model_not_found"
        case rateLimited = "rate_limited"
        case noChannel = "no_channel"
        case upstreamUnavailable = "upstream_unavailable"
        case upstreamTimeout = "upstream_timeout"
        case upstreamRejected = "upstream_rejected"
        case upstreamMalformed = "upstream_malformed"
        case payloadTooLarge = "payload_too_large"
        case modelNotPriced = "model_not_priced"
        case unsupportedModel = "unsupported_model"
        case forbidden = "forbidden"
        case conflict = "conflict"
        case internalError = "internal_error"
    }

    public let code: Code
    public let status: HTTPResponse.Status
    /// Safe to show the customer: never contains keys, upstream URLs or upstream bodies.
    public let message: String
    /// Whether another channel may succeed where this one failed.
    public let isRetryable: Bool
    /// For rate limits: when to try again, in seconds (the `Retry-After` header).
    public var retryAfterSeconds: Int?
    /// The request reached the upstream but no readable answer came back (a timeout while waiting, a dropped
    /// connection, an unreadable success): the upstream may have done the work.
    public var upstreamMayHaveAccepted = false
    /// The upstream's own refusal, already cut down to what is safe to show, for a family whose clients read
    /// refusals in the upstream's terms (Midjourney's `{"code":24,...,"properties":{"bannedWord":...}}` inside a 200).
    public var upstreamAnswer: JSONValue?

    init(_ code: Code, _ status: HTTPResponse.Status, _ message: String, retryable: Bool = false) {
        self.code = code
        self.status = status
        self.message = message
        self.isRetryable = retryable
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func invalidRequest(_ message: String) -> GatewayError {
        GatewayError(.invalidRequest, .badRequest, message)
    }
    /// A body that parsed but breaks the schema (wrong type, unknown enum value, missing field).
    public static func validation(field: String, _ problem: String) -> GatewayError {
        GatewayError(.validationFailed, .unprocessableContent, "\(field): \(problem)")
    }
    public static let unauthenticated = GatewayError(.unauthenticated, .unauthorized, "Invalid or missing API key")
    public static let keyExpired = GatewayError(.unauthenticated, .unauthorized, "This API key has expired")
    public static func forbidden(_ message: String) -> GatewayError { GatewayError(.forbidden, .forbidden, message) }
    /// The caller's own request rate is over its key's limit.
    public static func tooManyRequests(retryAfter seconds: Int) -> GatewayError {
        var error = GatewayError(.rateLimited, .tooManyRequests, "Rate limit reached for this API key; try again in \(seconds) s")
        error.retryAfterSeconds = seconds
        return error
    }
    public static func insufficientQuota(neededMicros: Int64) -> GatewayError {
        GatewayError(.insufficientQuota, .init(code: 402), "Insufficient quota: this call costs \(Money.format(neededMicros)) USD")
    }
    /// The request cannot be carried out in the state the thing is in now.
    public static func conflict(_ message: String) -> GatewayError { GatewayError(.conflict, .conflict, message) }
    /// No channel serves a model of this name, nor any alias of it.
    public static func modelNotFound(_ model: String) -> GatewayError {
        GatewayError(.modelNotFound, .notFound, "Model \(model) not found")
    }
    public static func notFound(_ what: String) -> GatewayError {
        GatewayError(.notFound, .notFound, "\(what) not found")
    }
    public static func noChannel(model: String) -> GatewayError {
        GatewayError(.noChannel, .serviceUnavailable, "No available channel serves model \(model)")
    }
    public static func payloadTooLarge(limit: Int) -> GatewayError {
        GatewayError(.payloadTooLarge, .contentTooLarge, "Request body exceeds \(limit) bytes")
    }
    public static func unpriced(model: String) -> GatewayError {
        GatewayError(.modelNotPriced, .badRequest, "Model \(model) has no price configured on this gateway")
    }
    /// The model that made a result cannot do what is asked of it (stems of a non-chirp-auk clip).
    public static func unsupported(_ message: String) -> GatewayError {
        GatewayError(.unsupportedModel, .badRequest, message)
    }
    public static let upstreamUnavailable = GatewayError(
        .upstreamUnavailable, .badGateway, "The upstream provider could not be reached", retryable: true)
    public static let upstreamTimeout = GatewayError(
        .upstreamTimeout, .gatewayTimeout, "The upstream provider did not answer in time", retryable: true)
    public static let upstreamMalformed = GatewayError(
        .upstreamMalformed, .badGateway, "The upstream provider sent an answer that could not be read")
    /// The upstream answered with an error status; `retryable` comes from the executor's retry policy.
    public static func upstreamStatus(_ status: Int, retryable: Bool) -> GatewayError {
        switch status {
        case 429:
            return GatewayError(.rateLimited, .tooManyRequests, "The upstream provider is rate limiting; try again later", retryable: retryable)
        case 401, 403:
            return GatewayError(
                .upstreamUnavailable, .badGateway, "The upstream provider refused the channel's credentials", retryable: true)
        case 500...:
            return GatewayError(
                .upstreamUnavailable, .badGateway, "The upstream provider failed (HTTP \(status))", retryable: retryable)
        default:
            return GatewayError(.upstreamRejected, .badRequest, "The upstream provider rejected the request (HTTP \(status))")
        }
    }
    /// The upstream rejected the request with its own explanation (already checked to be safe to show).
    public static func upstreamRejected(status: HTTPResponse.Status, message: String) -> GatewayError {
        GatewayError(.upstreamRejected, status, message)
    }
    public static func internalError(_ message: String = "Internal error") -> GatewayError {
        GatewayError(.internalError, .internalServerError, message)
    }
}
