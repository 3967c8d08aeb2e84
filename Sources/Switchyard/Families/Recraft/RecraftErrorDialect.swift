import HTTPTypes

/// Recraft's error body, `{"code": "...", "message": "..."}`, with the statuses Recraft answers: 400 for every
/// refusal of the request, 401, 404, 429, and 500 for every failure on the platform's side.
public struct RecraftErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object(["code": .string(error.code.rawValue), "message": .string(error.message)]).encoded()
    }

    public func status(for error: GatewayError) -> HTTPResponse.Status {
        switch error.status.code {
        case 401, 404, 429: error.status
        case 500...: .internalServerError
        default: .badRequest
        }
    }
}
