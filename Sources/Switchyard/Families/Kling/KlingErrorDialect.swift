import HTTPTypes

/// Kling's error body, its envelope with the code that fits: `{"code":1201,"message":"...","request_id","data":null}`.
public struct KlingErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object([
            "code": .int(KlingErrorCode(error).rawValue), "message": .string(KlingErrorCode.withoutSuffix(error.message)),
            "request_id": .string(KlingEnvelope.requestID()),
            "data": .null,
        ]).encoded()
    }

    /// Kling's status for its code where Kling differs from the gateway (a bad field is a 400, a spent balance a
    /// 429); the gateway's own status where the upstream's outcome is unknown (502, 504) or the body was too large.
    public func status(for error: GatewayError) -> HTTPResponse.Status {
        switch error.code {
        case .validationFailed, .insufficientQuota, .unauthenticated, .notFound, .modelNotFound, .forbidden: KlingErrorCode(error).status
        default: error.status
        }
    }
}
