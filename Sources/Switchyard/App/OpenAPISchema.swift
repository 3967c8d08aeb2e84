/// Small builders of JSON Schema (OpenAPI 3.1) values, so that each documented field is one short line.
///
/// Bounds written here are the ones the validators enforce; where the gateway passes a body through to the upstream
/// (OpenAI, Anthropic), they are the provider's documented bounds.
enum OpenAPISchema {
    /// An absolute URL, as the families take them (media, callbacks).
    static let url = string(minLength: 1, maxLength: 2_048, format: "uri")

    static func string(
        _ description: String? = nil, oneOf values: [String]? = nil, minLength: Int? = nil, maxLength: Int? = nil, format: String? = nil
    ) -> JSONValue {
        var schema: JSONObject = ["type": "string"]
        if let values { schema["enum"] = .array(values.map(JSONValue.string)) }
        if let minLength { schema["minLength"] = .int(minLength) }
        if let maxLength { schema["maxLength"] = .int(maxLength) }
        if let format { schema["format"] = .string(format) }
        return described(schema, description)
    }

    static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "integer"]
        if let minimum { schema["minimum"] = .int(minimum) }
        if let maximum { schema["maximum"] = .int(maximum) }
        return described(schema, description)
    }

    static func number(_ description: String? = nil, minimum: Double? = nil, maximum: Double? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "number"]
        if let minimum { schema["minimum"] = .number(minimum) }
        if let maximum { schema["maximum"] = .number(maximum) }
        return described(schema, description)
    }

    static func boolean(_ description: String? = nil) -> JSONValue {
        described(["type": "boolean"], description)
    }

    static func array(_ items: JSONValue, minItems: Int? = nil, maxItems: Int? = nil, _ description: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "array", "items": items]
        if let minItems { schema["minItems"] = .int(minItems) }
        if let maxItems { schema["maxItems"] = .int(maxItems) }
        return described(schema, description)
    }

    /// An object with the given properties, in order; other properties are allowed (providers add fields often).
    static func object(_ properties: KeyValuePairs<String, JSONValue>, required: [String] = [], _ description: String? = nil) -> JSONValue {
        var schema: JSONObject = ["type": "object", "properties": .object(JSONObject(properties.map { ($0.key, $0.value) }))]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return described(schema, description)
    }

    /// Any JSON object.
    static let anyObject: JSONValue = .object(["type": "object"])

    /// The value or JSON `null` (which the validators read as "absent").
    static func nullable(_ schema: JSONValue) -> JSONValue {
        .object(["anyOf": .array([schema, .object(["type": "null"])])])
    }

    static func anyOf(_ schemas: JSONValue...) -> JSONValue {
        .object(["anyOf": .array(schemas)])
    }

    static func constant(_ value: JSONValue) -> JSONValue {
        .object(["const": value])
    }

    static func ref(_ component: String) -> JSONValue {
        .object(["$ref": .string("#/components/schemas/\(component)")])
    }

    private static func described(_ schema: JSONObject, _ description: String?) -> JSONValue {
        var schema = schema
        if let description { schema["description"] = .string(description) }
        return .object(schema)
    }
}
