/// Flux's routes in the OpenAPI document: one create per model of `FluxModel.catalog`, with that model's fields and
/// bounds, and get_result.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    /// The schema of one field of a model.
    private static func fluxSchema(_ field: FluxModel.Field) -> JSONValue {
        var schema: JSONValue
        switch field.rule {
        case .text(let maxLength): schema = S.string(maxLength: maxLength)
        case .image: schema = S.string("An image, base64-encoded or a URL", maxLength: FluxRequestValidator.imageMaxLength)
        case .integer(let range, let multiple):
            schema = S.integer(minimum: range.lowerBound, maximum: range.upperBound)
            if multiple > 1, case .object(var object) = schema {
                object["multipleOf"] = .int(multiple)
                schema = .object(object)
            }
        case .number(let range): schema = S.number(minimum: range.lowerBound, maximum: range.upperBound)
        case .boolean: schema = S.boolean()
        case .choice(let values): schema = S.string(oneOf: values)
        case .aspectRatio(let width, let height): schema = S.string("W:H, between \(height):\(width) and \(width):\(height)", maxLength: 20)
        }
        if let value = field.defaultValue, case .object(var object) = schema {
            object["default"] = value
            schema = .object(object)
        }
        return S.nullable(schema)
    }

    /// The create body of `model`: its fields and the webhook.
    private static func fluxBody(_ model: FluxModel) -> JSONValue {
        var properties = model.fields.map { ($0.name, fluxSchema($0)) }
        properties += [
            ("webhook_url", S.nullable(S.string("Called with the get_result object when the task ends", maxLength: 2_048, format: "uri"))),
            ("webhook_secret", S.nullable(S.string(maxLength: 1_000))),
        ]
        var schema: JSONObject = ["type": "object", "properties": .object(JSONObject(properties))]
        let required = model.needsOneOf.filter { $0.count == 1 }.map { JSONValue.string($0[0]) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    /// BFL's get_result object.
    private static let fluxResult = S.object(
        [
            "id": S.string(), "status": S.string(oneOf: ["Pending", "Ready", "Error", "Request Moderated", "Content Moderated", "Task not found"]),
            "result": S.nullable(S.object(["sample": S.string(format: "uri")])), "progress": S.nullable(S.number()),
            "details": S.nullable(S.anyObject),
        ], required: ["id", "status"])

    static let fluxOperations: [OpenAPIOperation] =
        FluxModel.catalog.map { model in
            OpenAPIOperation(
                method: .post, path: "/flux/v1/\(model.name)", family: .flux, summary: "An image with \(model.name)",
                body: .json(fluxBody(model)),
                answer: .json(S.object(["id": S.string(), "polling_url": S.string(format: "uri")], required: ["id", "polling_url"])))
        } + [
            .init(
                method: .get, path: "/flux/v1/get_result", family: .flux, summary: "One of your tasks (Task not found for any other id)",
                query: [.init(name: "id", schema: S.string(minLength: 1, maxLength: 100), required: true)], answer: .json(fluxResult))
        ]
}

extension OpenAPIGroup {
    static let flux = OpenAPIGroup(
        tag: "Flux", errorSchema: "FluxError",
        errorBody: OpenAPISchema.object(
            [
                "detail": OpenAPISchema.anyOf(
                    OpenAPISchema.string(),
                    OpenAPISchema.array(
                        OpenAPISchema.object(
                            ["loc": OpenAPISchema.array(OpenAPISchema.string()), "msg": OpenAPISchema.string(), "type": OpenAPISchema.string()],
                            required: ["loc", "msg", "type"]))),
                "status": OpenAPISchema.string(),
            ], required: [],
            "BFL's error object: a message, or a list of field problems (422); get_result's Task not found"),
        security: OpenAPIGroup.bearer)
}
