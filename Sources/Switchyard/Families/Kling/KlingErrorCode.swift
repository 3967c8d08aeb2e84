import HTTPTypes

/// Kling's business error codes (the `code` of its envelope) and the HTTP status Kling answers each with.
enum KlingErrorCode: Int, Sendable, CaseIterable {
    case authenticationFailed = 1000
    case authorizationEmpty = 1001
    case authorizationInvalid = 1002
    case authorizationNotYetValid = 1003
    case authorizationExpired = 1004
    case accountException = 1100
    case accountInArrears = 1101
    case resourcePackDepleted = 1102
    case unauthorizedResource = 1103
    case invalidRequest = 1200
    case invalidParameters = 1201
    case invalidMethod = 1202
    case notFound = 1203
    case platformPolicy = 1300
    case contentPolicy = 1301
    case tooFast = 1302
    case concurrencyLimit = 1303
    case ipPolicy = 1304
    case serverError = 5000
    case serverUnavailable = 5001
    case serverTimeout = 5002

    /// The status Kling sends with the code.
    var status: HTTPResponse.Status {
        switch self {
        case .authenticationFailed, .authorizationEmpty, .authorizationInvalid, .authorizationNotYetValid, .authorizationExpired:
            .unauthorized
        case .accountException, .accountInArrears, .resourcePackDepleted, .tooFast, .concurrencyLimit, .ipPolicy: .tooManyRequests
        case .unauthorizedResource: .forbidden
        case .invalidRequest, .invalidParameters, .platformPolicy, .contentPolicy: .badRequest
        case .invalidMethod, .notFound: .notFound
        case .serverError: .internalServerError
        case .serverUnavailable: .serviceUnavailable
        case .serverTimeout: .gatewayTimeout
        }
    }

    /// The code the gateway answers a gateway error with.
    init(_ error: GatewayError) {
        if let embedded = Self.embedded(in: error.message) {
            self = embedded
            return
        }
        switch error.code {
        case .unauthenticated: self = .authenticationFailed
        case .forbidden: self = .unauthorizedResource
        case .insufficientQuota: self = .resourcePackDepleted
        case .rateLimited: self = .tooFast
        case .notFound, .modelNotFound: self = .notFound
        case .invalidRequest, .validationFailed, .payloadTooLarge, .unsupportedModel, .conflict: self = .invalidParameters
        case .upstreamRejected: self = .invalidRequest
        case .noChannel, .upstreamUnavailable: self = .serverUnavailable
        case .upstreamTimeout: self = .serverTimeout
        case .modelNotPriced, .upstreamMalformed, .internalError: self = .serverError
        }
    }

    /// The suffix that carries an upstream refusal's own code through the gateway's error (`… (code 1301)`).
    static func suffix(_ code: Int) -> String { " (code \(code))" }

    /// `message` without the suffix an upstream refusal's code travelled in.
    static func withoutSuffix(_ message: String) -> String {
        guard embedded(in: message) != nil, let open = message.range(of: " (code ", options: .backwards) else { return message }
        return String(message[..<open.lowerBound])
    }

    /// The Kling code a message ends with, when an upstream refusal put it there.
    static func embedded(in message: String) -> KlingErrorCode? {
        guard message.hasSuffix(")"), let open = message.range(of: " (code ", options: .backwards) else { return nil }
        return Int(message[open.upperBound..<message.index(before: message.endIndex)]).flatMap(KlingErrorCode.init(rawValue:))
    }
}
