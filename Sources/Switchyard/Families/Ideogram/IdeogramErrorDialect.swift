/// Ideogram's error body, FastAPI's `{"detail": "..."}`.
public struct IdeogramErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object(["detail": .string(error.message)]).encoded()
    }
}
