/// Udio's error body, the relay protocol's: `{"code":"<error code>","message":"...","data":null}`.
public struct UdioErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object(["code": .string(error.code.rawValue), "message": .string(error.message), "data": .null]).encoded()
    }
}
