/// A deterministic example value for a JSON Schema: what the emulator puts in tool-call arguments and in
/// structured (`json_schema`) answers.
///
/// Objects get their required properties only, strings are "example" (or the first `enum` value), numbers 1,
/// booleans true, arrays one example item. `$ref`s into `$defs`/`definitions` of the root schema are followed;
/// `anyOf`/`oneOf`/`allOf` take their first alternative that is not `null`.
enum EmulatorSchemaExample {
    /// Nesting beyond this yields `null` (guards against recursive schemas).
    private static let maximumDepth = 12

    /// The example for `schema`, resolving references against `schema` itself.
    static func value(for schema: EmulatorJSON?) -> EmulatorJSON {
        value(for: schema, root: schema, depth: 0)
    }

    /// The example for `schema` inside `root`.
    private static func value(for schema: EmulatorJSON?, root: EmulatorJSON?, depth: Int) -> EmulatorJSON {
        guard depth < maximumDepth, let schema, case .object = schema else { return .null }
        if let reference = schema["$ref"]?.stringValue {
            return value(for: resolve(reference, in: root), root: root, depth: depth + 1)
        }
        if let constant = schema["const"] { return constant }
        if case .array(let options)? = schema["enum"], let first = options.first { return first }
        for key in ["anyOf", "oneOf", "allOf"] {
            if case .array(let alternatives)? = schema[key] {
                let chosen = alternatives.first { $0["type"]?.stringValue != "null" } ?? alternatives.first
                return value(for: chosen, root: root, depth: depth + 1)
            }
        }
        switch typeName(of: schema) {
        case "string": return .string("example")
        case "integer": return .int(1)
        case "number": return .int(1)
        case "boolean": return .bool(true)
        case "null": return .null
        case "array": return .array([value(for: schema["items"], root: root, depth: depth + 1)])
        case "object": return object(for: schema, root: root, depth: depth)
        default: return .string("example")
        }
    }

    /// An object holding an example of each required property, in the order `properties` lists them.
    private static func object(for schema: EmulatorJSON, root: EmulatorJSON?, depth: Int) -> EmulatorJSON {
        guard case .object(let properties)? = schema["properties"],
            case .array(let requiredNames)? = schema["required"]
        else { return .object([]) }
        let required = Set(requiredNames.compactMap(\.stringValue))
        return .object(
            properties.filter { required.contains($0.0) }.map { name, property in
                (name, value(for: property, root: root, depth: depth + 1))
            })
    }

    /// The schema's type: its `type` (the first that is not "null" of a list), else "object" when it has
    /// properties.
    private static func typeName(of schema: EmulatorJSON) -> String? {
        switch schema["type"] {
        case .string(let name)?: return name
        case .array(let names)?: return names.compactMap(\.stringValue).first { $0 != "null" } ?? "null"
        default: return schema["properties"] != nil ? "object" : nil
        }
    }

    /// The schema a local reference such as "#/$defs/Address" points to, nil when it cannot be followed.
    private static func resolve(_ reference: String, in root: EmulatorJSON?) -> EmulatorJSON? {
        guard reference.hasPrefix("#") else { return nil }
        var node = root
        for part in reference.dropFirst().split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            node = node?[key]
        }
        return node
    }
}
