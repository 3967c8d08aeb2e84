/// Black Forest Labs' error bodies, FastAPI's: a field problem is `{"detail":[{"loc":[...],"msg","type"}]}`, every
/// other error `{"detail": "..."}`.
public struct FluxErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        guard error.code == .validationFailed, let colon = error.message.range(of: ": ") else {
            return JSONValue.object(["detail": .string(error.message)]).encoded()
        }
        let field = String(error.message[..<colon.lowerBound])
        let problem = String(error.message[colon.upperBound...])
        // `query.id` names a query parameter; anything else a field of the body.
        var location = field.split(separator: ".").map { JSONValue.string(String($0)) }
        if location.first != "query" { location.insert("body", at: 0) }
        let item: JSONValue = .object(["loc": .array(location), "msg": .string(problem), "type": "value_error"])
        return JSONValue.object(["detail": .array([item])]).encoded()
    }
}
