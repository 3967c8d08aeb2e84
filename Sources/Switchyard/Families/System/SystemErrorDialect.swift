/// The platform's own envelope for errors: `{"success": false, "message": "...", "data": null}`.
public struct SystemErrorDialect: ErrorDialect {
    public init() {}

    public func body(for error: GatewayError) -> String {
        JSONValue.object(["success": false, "message": .string(error.message), "data": .null]).encoded()
    }
}
