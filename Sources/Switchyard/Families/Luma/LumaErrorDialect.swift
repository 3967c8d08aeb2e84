/// Luma's error body: `{"detail": "..."}`.
public struct LumaErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object(["detail": .string(error.message)]).encoded()
    }
}
