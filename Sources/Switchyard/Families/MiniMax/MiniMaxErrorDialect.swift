/// MiniMax's error bodies: `{"base_resp":{"status_code","status_msg"}}`. MiniMax itself answers them with HTTP 200;
/// the gateway keeps the meaningful HTTP status as well (clients read `base_resp` either way), so that proxies,
/// the conformance suite and fuzzers see a 4xx for bad input.
public struct MiniMaxErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        MiniMaxFamily.baseResponse(code: Self.statusCode(for: error), message: error.message).encoded()
    }

    /// MiniMax's code for a gateway error: 2013 invalid params, 1004 authentication, 1002 rate limit, 1008
    /// insufficient balance, 1026 sensitive input, 1013 anything of the gateway's or the upstream's own.
    static func statusCode(for error: GatewayError) -> Int {
        switch error.code {
        case .invalidRequest, .validationFailed, .payloadTooLarge, .modelNotFound, .unsupportedModel, .notFound, .conflict: 2013
        case .unauthenticated, .forbidden: 1004
        case .rateLimited: 1002
        case .insufficientQuota: 1008
        case .upstreamRejected: error.message.contains(MiniMaxFamily.sensitiveInputMarker) ? 1026 : 2013
        default: 1013
        }
    }
}
