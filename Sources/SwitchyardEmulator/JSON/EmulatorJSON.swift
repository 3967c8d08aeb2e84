/// A JSON value as the emulator reads and writes it.
///
/// Objects keep their keys in insertion order so responses come out in the same order as the upstream's
/// documentation (easier to read in logs and diffs), and `null` is a real case so "always include every key,
/// null where empty" is expressible. Integers and doubles are separate so `100000.0` stays a float and `5`
/// stays an integer when echoed back.
enum EmulatorJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([EmulatorJSON])
    case object([(String, EmulatorJSON)])

    /// Compares objects key by key in order; needed because tuples are not `Equatable`.
    static func == (lhs: EmulatorJSON, rhs: EmulatorJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value stored under `key` when this is an object (the first one if a key repeats), else nil.
    subscript(key: String) -> EmulatorJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The string payload, or nil for any other case.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// True for integers.
    var isInteger: Bool {
        if case .int = self { return true }
        return false
    }

    /// True for objects.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The name pydantic would use for this value's type in a validation message.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// Wraps an optional string, mapping nil to `null`.
    static func from(_ value: String?) -> EmulatorJSON {
        value.map { .string($0) } ?? .null
    }

    /// Wraps an optional integer, mapping nil to `null`.
    static func from(_ value: Int?) -> EmulatorJSON {
        value.map { .int($0) } ?? .null
    }

    /// Wraps an optional double, mapping nil to `null`.
    static func from(_ value: Double?) -> EmulatorJSON {
        value.map { .double($0) } ?? .null
    }

    /// Wraps an optional boolean, mapping nil to `null`.
    static func from(_ value: Bool?) -> EmulatorJSON {
        value.map { .bool($0) } ?? .null
    }
}
