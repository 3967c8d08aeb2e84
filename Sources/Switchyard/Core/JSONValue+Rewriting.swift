extension JSONValue {
    /// The value with every string equal to a key of `mapping` replaced by its value (ids from one namespace to another).
    public func replacingStrings(_ mapping: [String: String]) -> JSONValue {
        guard !mapping.isEmpty else { return self }
        switch self {
        case .string(let value): return .string(mapping[value] ?? value)
        case .array(let values): return .array(values.map { $0.replacingStrings(mapping) })
        case .object(var object):
            for key in object.keys {
                object[key] = object[key]?.replacingStrings(mapping)
            }
            return .object(object)
        default: return self
        }
    }

    /// Collects the strings that look like opaque ids (short, no spaces or slashes), which may name artifacts.
    func collectIdentifiers(into identifiers: inout Set<String>) {
        switch self {
        case .string(let value):
            if (8...80).contains(value.utf8.count), !value.contains(" "), !value.contains("/"), !value.contains(":") {
                identifiers.insert(value)
            }
        case .array(let values): for value in values { value.collectIdentifiers(into: &identifiers) }
        case .object(let object): for key in object.keys { object[key]?.collectIdentifiers(into: &identifiers) }
        default: break
        }
    }
}
