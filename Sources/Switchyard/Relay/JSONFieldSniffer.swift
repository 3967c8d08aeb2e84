/// Reads a few top-level fields of a JSON object (model, stream, max_tokens…) in one pass over the bytes, without
/// building the document: what routing and pricing need from a body that is otherwise passed through untouched.
public struct JSONFieldSniffer: Sendable {
    /// A top-level value's location: `range` covers the value's bytes (strings include their quotes).
    public struct Field: Sendable, Equatable {
        public let range: Range<Int>
    }

    /// The top-level fields of `bytes` named in `wanted`, by name; nil when the bytes are not a JSON object.
    public static func fields(in bytes: [UInt8], wanted: Set<String>) -> [String: Field]? {
        var index = 0
        skipSpace(bytes, &index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var found: [String: Field] = [:]
        while true {
            skipSpace(bytes, &index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return found }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "\""), let keyEnd = stringEnd(bytes, from: index) else { return nil }
            let key = String(decoding: bytes[(index + 1)..<(keyEnd - 1)], as: UTF8.self)
            index = keyEnd
            skipSpace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpace(bytes, &index)
            guard let valueEnd = valueEnd(bytes, from: index) else { return nil }
            if wanted.contains(key) { found[key] = Field(range: index..<valueEnd) }
            index = valueEnd
        }
    }

    /// A string value's contents (escapes resolved by the JSON decoder only when present).
    public static func string(_ field: Field?, in bytes: [UInt8]) -> String? {
        guard let field else { return nil }
        let slice = bytes[field.range]
        guard slice.first == UInt8(ascii: "\""), slice.count >= 2 else { return nil }
        if !slice.contains(UInt8(ascii: "\\")) {
            return String(decoding: slice.dropFirst().dropLast(), as: UTF8.self)
        }
        return JSONValue.parse(slice)?.stringValue
    }

    public static func bool(_ field: Field?, in bytes: [UInt8]) -> Bool? {
        guard let field else { return nil }
        let slice = bytes[field.range]
        if slice.elementsEqual("true".utf8) { return true }
        if slice.elementsEqual("false".utf8) { return false }
        return nil
    }

    public static func int(_ field: Field?, in bytes: [UInt8]) -> Int? {
        guard let field else { return nil }
        return Int(String(decoding: bytes[field.range], as: UTF8.self))
    }

    static func skipSpace(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    /// The index just past the string starting at `start` (which is a quote).
    static func stringEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return nil
    }

    /// The index just past the value starting at `start`.
    static func valueEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return stringEnd(bytes, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(bytes, from: index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        default:
            var index = start
            while index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) {
                index += 1
            }
            return index > start ? index : nil
        }
    }
}
