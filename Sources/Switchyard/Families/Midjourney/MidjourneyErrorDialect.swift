import HTTPTypes

/// Midjourney's error body, the proxy's submit envelope: `{"code","description","result":null,"properties":{}}`.
/// Refusals in the upstream's own terms (banned prompt, queue full, no account) answer HTTP 200 with the upstream's
/// code, as the proxy does; what the gateway refuses itself keeps its HTTP status, with code 4 for a bad request
/// or an unknown id (`task_no_found`) and 9 for a failure, as relays answer.
public struct MidjourneyErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        if let answer = error.upstreamAnswer { return answer.encoded() }
        let description = error.code == .notFound ? "task_no_found: \(error.message)" : error.message
        return MidjourneySubmitResult.body(code: Self.code(for: error), description: description, result: .null).encoded()
    }

    public func status(for error: GatewayError) -> HTTPResponse.Status {
        error.upstreamAnswer == nil ? error.status : .ok
    }

    /// The proxy's code for an error of the gateway's own.
    static func code(for error: GatewayError) -> Int {
        switch error.code {
        case .invalidRequest, .validationFailed, .notFound, .modelNotFound, .unsupportedModel, .modelNotPriced, .payloadTooLarge,
            .unauthenticated, .forbidden, .insufficientQuota, .conflict:
            4
        case .rateLimited: 23
        case .noChannel: 3
        default: 9
        }
    }
}
