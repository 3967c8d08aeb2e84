/// Suno's error body: `{"code":"<error code>","message":"...","data":null}`.
public struct SunoErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object(["code": .string(error.code.rawValue), "message": .string(error.message), "data": .null]).encoded()
    }
}
