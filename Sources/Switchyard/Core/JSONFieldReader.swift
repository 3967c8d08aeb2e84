/// Reads typed fields out of a request object, turning every wrong type, missing field or unknown enum value into
/// a `GatewayError.validation` that names the field.
public struct JSONFieldReader: Sendable {
    public let object: JSONObject
    /// Prefix for field names in errors (`keyframes.frame0.`).
    let path: String

    public init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    private func isAbsent(_ key: String) -> Bool {
        object[key] == nil || object[key] == .null
    }

    public func string(_ key: String, required: Bool = false, allowed: [String]? = nil, maxLength: Int = 10_000) throws -> String? {
        guard !isAbsent(key) else {
            if required { throw GatewayError.validation(field: path + key, "is required") }
            return nil
        }
        guard case .string(let value) = object[key] else { throw GatewayError.validation(field: path + key, "must be a string") }
        if let allowed, !allowed.contains(value) {
            throw GatewayError.validation(field: path + key, "must be one of \(allowed.joined(separator: ", "))")
        }
        guard value.count <= maxLength else { throw GatewayError.validation(field: path + key, "is longer than \(maxLength) characters") }
        if required && value.isEmpty { throw GatewayError.validation(field: path + key, "must not be empty") }
        return value
    }

    public func bool(_ key: String) throws -> Bool? {
        guard !isAbsent(key) else { return nil }
        guard case .bool(let value) = object[key] else { throw GatewayError.validation(field: path + key, "must be a boolean") }
        return value
    }

    public func int(_ key: String, range: ClosedRange<Int>? = nil) throws -> Int? {
        guard !isAbsent(key) else { return nil }
        guard case .number(let value) = object[key], value.rounded() == value, abs(value) < 1e15 else {
            throw GatewayError.validation(field: path + key, "must be an integer")
        }
        let integer = Int(value)
        if let range, !range.contains(integer) {
            throw GatewayError.validation(field: path + key, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return integer
    }

    public func number(_ key: String, range: ClosedRange<Double>? = nil) throws -> Double? {
        guard !isAbsent(key) else { return nil }
        guard case .number(let value) = object[key] else { throw GatewayError.validation(field: path + key, "must be a number") }
        if let range, !range.contains(value) {
            throw GatewayError.validation(field: path + key, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// A nested object, read with its own reader.
    public func object(_ key: String, required: Bool = false) throws -> JSONFieldReader? {
        guard !isAbsent(key) else {
            if required { throw GatewayError.validation(field: path + key, "is required") }
            return nil
        }
        guard case .object(let value) = object[key] else { throw GatewayError.validation(field: path + key, "must be an object") }
        return JSONFieldReader(value, path: path + key + ".")
    }

    /// An array of objects, each read with its own reader.
    public func objects(_ key: String, maxCount: Int = 100) throws -> [JSONFieldReader]? {
        guard !isAbsent(key) else { return nil }
        guard case .array(let values) = object[key] else { throw GatewayError.validation(field: path + key, "must be an array") }
        guard values.count <= maxCount else { throw GatewayError.validation(field: path + key, "has more than \(maxCount) items") }
        return try values.enumerated().map { index, value in
            guard case .object(let item) = value else { throw GatewayError.validation(field: "\(path)\(key)[\(index)]", "must be an object") }
            return JSONFieldReader(item, path: "\(path)\(key)[\(index)].")
        }
    }
}
