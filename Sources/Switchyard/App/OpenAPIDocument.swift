/// The OpenAPI 3.1 document of every route the gateway serves, served at `GET /openapi.json`.
///
/// The routes are listed by family in this type's extensions; each is a few lines of `OpenAPIOperation`. A test
/// checks that the list matches the routes the gateway registers, so a new route without its entry fails the build.
enum OpenAPIDocument {
    /// Every documented operation, in the order the document lists them.
    static let operations: [OpenAPIOperation] =
        openAIOperations + anthropicOperations + lumaOperations + sunoOperations + udioOperations + customerOperations + adminOperations
        + operationalOperations

    /// The document as JSON text, encoded once.
    static let json: String = document().encoded()

    /// Path parameters whose values have a form of their own (others are ids: 1 to 100 characters).
    static let pathParameterSchemas: [String: JSONValue] = [
        "action": OpenAPISchema.string(oneOf: ["stems", "timing", "wav", "mp4"])
    ]

    static func document() -> JSONValue {
        var paths = JSONObject()
        for operation in operations {
            var item = paths[operation.path]?.objectValue ?? JSONObject()
            item[operation.method.rawValue] = operation.rendered(pathParameterSchemas: pathParameterSchemas)
            paths[operation.path] = .object(item)
        }
        return .object([
            "openapi": "3.1.0",
            "info": .object([
                "title": "Switchyard",
                "version": "1.0.0",
                "description": """
                A self-hosted AI API gateway: each provider's native API (OpenAI, Anthropic, Luma, Suno, Udio) with one \
                Switchyard key, the customer's account routes, and the operators' admin API. Errors come in the shape \
                of the family the path belongs to.
                """,
            ]),
            "tags": .array(
                [OpenAPIFamily.openAI, .anthropic, .luma, .suno, .udio, .customer, .admin, .operational].map { .object(["name": .string($0.tag)]) }),
            "paths": .object(paths),
            "components": .object(["securitySchemes": securitySchemes, "schemas": errorSchemas]),
        ])
    }

    static let securitySchemes: JSONValue = .object([
        "bearer": .object(["type": "http", "scheme": "bearer", "description": "A Switchyard key (sk-...)"]),
        "apiKey": .object(["type": "apiKey", "in": "header", "name": "x-api-key", "description": "A Switchyard key, as Anthropic's clients send it"]),
        "adminBearer": .object(["type": "http", "scheme": "bearer", "description": "A key of an administrator (`switchyard admin init`)"]),
    ])

    /// Each family's error body, as its `ErrorDialect` writes it.
    static let errorSchemas: JSONValue = {
        typealias S = OpenAPISchema
        let message = S.string()
        return .object([
            "OpenAIError": S.object(
                [
                    "error": S.object(
                        [
                            "message": message, "type": S.string(), "param": S.nullable(S.string()), "code": S.nullable(S.string()),
                        ], required: ["message", "type"])
                ], required: ["error"], "OpenAI's error object (also the shape of `/health`, `/metrics` and `/openapi.json`)"),
            "AnthropicError": S.object(
                [
                    "type": S.constant("error"),
                    "error": S.object(["type": S.string(), "message": message], required: ["type", "message"]),
                ], required: ["type", "error"], "Anthropic's error object"),
            "LumaError": S.object(["detail": S.string()], required: ["detail"], "Luma's error object"),
            "SunoError": S.object(
                ["code": S.string(), "message": message, "data": S.constant(.null)], required: ["code", "message"], "The Suno relay's error object"),
            "SystemError": S.object(
                ["success": S.constant(false), "message": message, "data": S.constant(.null)], required: ["success", "message"],
                "The platform's envelope, failed"),
        ])
    }()
}
