/// Typed access to the members of a JSON object in an OpenAI request, failing the way the OpenAI API does:
/// 400 `invalid_request_error` naming the parameter, e.g. "Invalid type for 'messages[0].content': expected a
/// string, but got an integer instead." `null` counts as absent.
struct OpenAIParameters: Sendable {
    /// The object's members.
    private let members: [(String, EmulatorJSON)]
    /// Name of this object in messages, "" at the top, e.g. "messages[0]".
    let path: String

    /// Wraps `value`, which must be an object.
    init(_ value: EmulatorJSON, path: String = "") throws {
        guard case .object(let members) = value else {
            throw OpenAIError.invalidType(path.isEmpty ? "body" : path, expected: "an object", got: value)
        }
        self.members = members
        self.path = path
    }

    /// The message name of `key`, e.g. "messages[0].role".
    func name(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The raw value of `key`, nil when absent or null.
    func value(_ key: String) -> EmulatorJSON? {
        for member in members where member.0 == key {
            return member.1 == .null ? nil : member.1
        }
        return nil
    }

    /// A string parameter.
    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let value = try present(key, required: required) else { return nil }
        guard case .string(let text) = value else {
            throw OpenAIError.invalidType(name(key), expected: "a string", got: value)
        }
        return text
    }

    /// An integer parameter within `range`.
    func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        guard let value = try present(key, required: false) else { return nil }
        let number: Int
        switch value {
        case .int(let integer): number = integer
        case .double(let double) where double.rounded() == double && abs(double) < 1e15: number = Int(double)
        default: throw OpenAIError.invalidType(name(key), expected: "an integer", got: value)
        }
        if number < range.lowerBound {
            throw OpenAIError.invalidRequest(
                "Invalid '\(name(key))': integer below minimum value. Expected a value >= \(range.lowerBound), but got "
                    + "\(number) instead.", param: name(key), code: "integer_below_min_value")
        }
        if number > range.upperBound {
            throw OpenAIError.invalidRequest(
                "Invalid '\(name(key))': integer above maximum value. Expected a value <= \(range.upperBound), but got "
                    + "\(number) instead.", param: name(key), code: "integer_above_max_value")
        }
        return number
    }

    /// A numeric parameter.
    func number(_ key: String) throws -> Double? {
        guard let value = try present(key, required: false) else { return nil }
        switch value {
        case .int(let integer): return Double(integer)
        case .double(let double): return double
        default: throw OpenAIError.invalidType(name(key), expected: "a number", got: value)
        }
    }

    /// A boolean parameter.
    func bool(_ key: String) throws -> Bool? {
        guard let value = try present(key, required: false) else { return nil }
        guard case .bool(let flag) = value else {
            throw OpenAIError.invalidType(name(key), expected: "a boolean", got: value)
        }
        return flag
    }

    /// An array parameter.
    func array(_ key: String, required: Bool = false) throws -> [EmulatorJSON]? {
        guard let value = try present(key, required: required) else { return nil }
        guard case .array(let elements) = value else {
            throw OpenAIError.invalidType(name(key), expected: "an array", got: value)
        }
        return elements
    }

    /// An object parameter.
    func object(_ key: String) throws -> OpenAIParameters? {
        guard let value = try present(key, required: false) else { return nil }
        return try OpenAIParameters(value, path: name(key))
    }

    /// Each element of an array parameter as an object, named like "tools[0]".
    func objects(_ key: String, required: Bool = false) throws -> [OpenAIParameters]? {
        guard let elements = try array(key, required: required) else { return nil }
        return try elements.enumerated().map { index, element in
            try OpenAIParameters(element, path: "\(name(key))[\(index)]")
        }
    }

    /// The value of `key`, nil when absent; 400 when it is required.
    private func present(_ key: String, required: Bool) throws -> EmulatorJSON? {
        guard let value = value(key) else {
            if required { throw OpenAIError.missing(name(key)) }
            return nil
        }
        return value
    }
}
