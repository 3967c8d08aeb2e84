/// The OpenAPI 3.1 document of every route the gateway serves, served at `GET /openapi.json`.
///
/// Each family lists its routes in its own folder (its module's `openAPIOperations`); each is a few lines of
/// `OpenAPIOperation`. A test
/// checks that the list matches the routes the gateway registers, so a new route without its entry fails the build.
enum OpenAPIDocument {
    /// Every documented operation, in the order the document lists them.
    static let operations: [OpenAPIOperation] =
        FamilyModules.all.flatMap { ($0 as? any DocumentedFamily)?.openAPIOperations ?? [] }
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
                A self-hosted AI API gateway: each provider's native API with one \
                Switchyard key, the customer's account routes, and the operators' admin API. Errors come in the shape \
                of the family the path belongs to.
                """,
            ]),
            "tags": .array(groups.map { .object(["name": .string($0.tag)]) }),
            "paths": .object(paths),
            "components": .object(["securitySchemes": securitySchemes, "schemas": errorSchemas]),
        ])
    }

    static let securitySchemes: JSONValue = .object([
        "bearer": .object(["type": "http", "scheme": "bearer", "description": "A Switchyard key (sk-...)"]),
        "apiKey": .object(["type": "apiKey", "in": "header", "name": "x-api-key", "description": "A Switchyard key, as Anthropic's clients send it"]),
        "adminBearer": .object(["type": "http", "scheme": "bearer", "description": "A key of an administrator (`switchyard admin init`)"]),
    ])

    /// The groups of the documented routes, in the order their first route appears.
    static var groups: [OpenAPIGroup] {
        var seen: Set<String> = []
        return operations.map(\.family).filter { seen.insert($0.tag).inserted }
    }

    /// Each group's error body, as its `ErrorDialect` writes it.
    static var errorSchemas: JSONValue {
        var schemas = JSONObject()
        for group in groups { if let body = group.errorBody { schemas[group.errorSchema] = body } }
        return .object(schemas)
    }

    static let operationalOperations: [OpenAPIOperation] = {
        typealias S = OpenAPISchema
        return [
            .init(
                method: .get, path: "/health", family: .operational, summary: "Liveness, with a store check",
                answer: .json(S.object(["status": S.constant("ok")], required: ["status"]))),
            .init(method: .get, path: "/metrics", family: .operational, summary: "Prometheus metrics", answer: .media(["text/plain"])),
            .init(method: .get, path: "/openapi.json", family: .operational, summary: "This document"),
            .init(
                method: .get, path: "/media/{id}", family: .operational,
                summary: "A task's result file as the gateway keeps it (the URL is the capability; byte ranges; 410 once expired)",
                answer: .media(["application/octet-stream"])),
        ]
    }()
}
