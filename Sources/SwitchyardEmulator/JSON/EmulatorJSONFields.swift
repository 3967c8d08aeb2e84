/// Typed, validating access to the fields of a JSON object from a request body.
///
/// Mirrors how the upstreams (FastAPI + pydantic) judge input: a field of the wrong JSON type is a 422, a
/// missing required field or a value outside the allowed set is a 400. `null` counts as absent. Messages name
/// the field by its dotted path (e.g. "keyframes.frame0.url") so a failing test says what was wrong.
struct EmulatorJSONFields: Sendable {
    /// The object's members.
    private let members: [(String, EmulatorJSON)]
    /// Dotted path of this object inside the body, "" at the top.
    private let path: String

    /// Reads `body` as the top-level object of a request.
    /// - Throws: 422 when the body is missing, not JSON, or not an object.
    init(body: EmulatorJSON?) throws {
        guard case .object(let members)? = body else {
            throw EmulatorHTTPError.unprocessable("Request body must be a JSON object")
        }
        self.members = members
        self.path = ""
    }

    /// Wraps a nested object found at `path`.
    private init(members: [(String, EmulatorJSON)], path: String) {
        self.members = members
        self.path = path
    }

    /// The dotted name of `key` for messages.
    func name(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The raw value of `key`, nil when absent or null.
    func value(_ key: String) -> EmulatorJSON? {
        guard let value = members.first(where: { $0.0 == key })?.1, value != .null else { return nil }
        return value
    }

    /// A string field.
    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let value = try present(key, required: required) else { return nil }
        guard case .string(let text) = value else { throw typeError(key, expected: "a valid string") }
        return text
    }

    /// A string field that must be one of `allowed`.
    func choice(_ key: String, from allowed: [String], required: Bool = false) throws -> String? {
        guard let text = try string(key, required: required) else { return nil }
        guard allowed.contains(text) else {
            let options = allowed.map { "'\($0)'" }.joined(separator: ", ")
            throw EmulatorHTTPError.badRequest("\(name(key)): Input should be one of \(options)")
        }
        return text
    }

    /// A string field holding an http(s) URL, the only kind an upstream can fetch.
    func url(_ key: String, required: Bool = false) throws -> String? {
        guard let text = try string(key, required: required) else { return nil }
        let lowered = text.lowercased()
        let scheme = ["http://", "https://"].first { lowered.hasPrefix($0) }
        guard let scheme, lowered.count > scheme.count else {
            throw EmulatorHTTPError.badRequest("\(name(key)): Input should be a valid http(s) URL")
        }
        return text
    }

    /// A boolean field (JSON true/false only).
    func bool(_ key: String) throws -> Bool? {
        guard let value = try present(key, required: false) else { return nil }
        guard case .bool(let flag) = value else { throw typeError(key, expected: "a valid boolean") }
        return flag
    }

    /// An integer field.
    func int(_ key: String) throws -> Int? {
        guard let value = try present(key, required: false) else { return nil }
        switch value {
        case .int(let number): return number
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: return Int(number)
        default: throw typeError(key, expected: "a valid integer")
        }
    }

    /// A numeric field.
    func number(_ key: String) throws -> Double? {
        guard let value = try present(key, required: false) else { return nil }
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        default: throw typeError(key, expected: "a valid number")
        }
    }

    /// A nested object field.
    func object(_ key: String, required: Bool = false) throws -> EmulatorJSONFields? {
        guard let value = try present(key, required: required) else { return nil }
        guard case .object(let nested) = value else { throw typeError(key, expected: "a valid object") }
        return EmulatorJSONFields(members: nested, path: name(key))
    }

    /// An array field.
    func array(_ key: String) throws -> [EmulatorJSON]? {
        guard let value = try present(key, required: false) else { return nil }
        guard case .array(let elements) = value else { throw typeError(key, expected: "a valid array") }
        return elements
    }

    /// Each element of an array field as an object, with paths like "concepts.0".
    func objects(_ key: String) throws -> [EmulatorJSONFields]? {
        guard let elements = try array(key) else { return nil }
        return try elements.enumerated().map { index, element in
            guard case .object(let nested) = element else {
                throw EmulatorHTTPError.unprocessable("\(name(key)).\(index): Input should be a valid object")
            }
            return EmulatorJSONFields(members: nested, path: "\(name(key)).\(index)")
        }
    }

    /// The value of `key`, nil when absent; throws 400 when it is required.
    private func present(_ key: String, required: Bool) throws -> EmulatorJSON? {
        guard let value = value(key) else {
            if required { throw EmulatorHTTPError.badRequest("\(name(key)): Field required") }
            return nil
        }
        return value
    }

    /// The 422 for a field of the wrong JSON type.
    private func typeError(_ key: String, expected: String) -> EmulatorHTTPError {
        .unprocessable("\(name(key)): Input should be \(expected)")
    }
}
