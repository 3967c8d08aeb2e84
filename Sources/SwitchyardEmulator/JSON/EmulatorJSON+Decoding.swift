import Foundation

extension EmulatorJSON: Decodable {
    /// Decodes any JSON value; booleans are tried before numbers so `true` never turns into `1`.
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([EmulatorJSON].self) {
            self = .array(value)
        } else {
            // Objects come back as a dictionary: the sender's key order is not recoverable through
            // `Decodable`, so keys are sorted to keep echoes deterministic.
            let members = try container.decode([String: EmulatorJSON].self)
            self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    /// Parses a request body; nil when the bytes are not JSON at all.
    static func parse(_ bytes: [UInt8]) -> EmulatorJSON? {
        try? JSONDecoder().decode(EmulatorJSON.self, from: Data(bytes))
    }
}
