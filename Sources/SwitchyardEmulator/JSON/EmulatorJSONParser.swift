import NIOCore

/// A single-pass JSON reader over raw bytes, for the request bodies of the high-volume families (OpenAI,
/// Anthropic).
///
/// `EmulatorJSON.parse` goes through `JSONDecoder` and probes every value with several failing decodes, which is
/// fine for a few Luma or Suno requests but too slow for the upstream of a throughput benchmark. This reader
/// touches each byte once, keeps object keys in the sender's order and accepts exactly RFC 8259 JSON (with
/// surrounding whitespace).
struct EmulatorJSONParser: ~Copyable {
    /// The bytes being read; only valid inside `parse`.
    private let bytes: UnsafeRawBufferPointer
    /// Offset of the next unread byte.
    private var index = 0

    /// Nesting deeper than this is rejected rather than risking the stack.
    private static let maximumDepth = 256

    /// Parses the readable bytes of `buffer`; nil when they are not one JSON value.
    static func parse(_ buffer: ByteBuffer) -> EmulatorJSON? {
        buffer.withUnsafeReadableBytes { bytes in
            var parser = EmulatorJSONParser(bytes: bytes)
            return parser.document()
        }
    }

    /// Wraps `bytes` for reading.
    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The whole input as one value, nil when anything but whitespace is left over.
    private mutating func document() -> EmulatorJSON? {
        guard let value = value(depth: 0) else { return nil }
        skipWhitespace()
        return index == bytes.count ? value : nil
    }

    // MARK: - Values

    /// The value starting at the next non-whitespace byte.
    private mutating func value(depth: Int) -> EmulatorJSON? {
        guard depth < Self.maximumDepth else { return nil }
        skipWhitespace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string().map { .string($0) }
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    /// An object; the opening brace is at `index`.
    private mutating func object(depth: Int) -> EmulatorJSON? {
        index += 1
        var members: [(String, EmulatorJSON)] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")), let element = value(depth: depth + 1) else { return nil }
            members.append((key, element))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "}")) ? .object(members) : nil
        }
    }

    /// An array; the opening bracket is at `index`.
    private mutating func array(depth: Int) -> EmulatorJSON? {
        index += 1
        var elements: [EmulatorJSON] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            guard let element = value(depth: depth + 1) else { return nil }
            elements.append(element)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            return consume(UInt8(ascii: "]")) ? .array(elements) : nil
        }
    }

    /// `true`, `false` or `null` spelled exactly.
    private mutating func literal(_ word: StaticString, _ result: EmulatorJSON) -> EmulatorJSON? {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { return nil }
        for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
            return nil
        }
        index += length
        return result
    }

    /// A number: an integer when it has no fraction or exponent and fits, else a double.
    private mutating func number() -> EmulatorJSON? {
        let start = index
        var isInteger = true
        if consume(UInt8(ascii: "-")) {}
        guard digits() else { return nil }
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            guard digits() else { return nil }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard digits() else { return nil }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let integer = Int(text) { return .int(integer) }
        return Double(text).map { .double($0) }
    }

    /// Skips one or more decimal digits; false when there is none.
    private mutating func digits() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
        return index > start
    }

    // MARK: - Strings

    /// A string; the opening quote is at `index`. Strings without escapes are decoded straight from the input.
    private mutating func string() -> String? {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            guard byte >= 0x20 else { return nil }
            index += 1
        }
        return nil
    }

    /// The rest of a string that contains escapes, whose unescaped part began at `start`.
    private mutating func escapedString(from start: Int) -> String? {
        var output = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    return nil
                }
            case 0..<0x20:
                return nil
            default:
                output.append(byte)
            }
        }
        return nil
    }

    /// The scalar of a `\uXXXX` escape (its `\u` already read), joining a surrogate pair; a lone surrogate
    /// becomes U+FFFD as in most JSON readers.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hexQuad() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            let save = index
            if consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hexQuad(),
                (0xDC00..<0xE000).contains(low)
            {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            index = save
            return Unicode.Scalar(0xFFFD)
        }
        return Unicode.Scalar(high) ?? Unicode.Scalar(0xFFFD)
    }

    /// Four hexadecimal digits as a number.
    private mutating func hexQuad() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: - Helpers

    /// Advances past spaces, tabs and line breaks.
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Reads `byte` if it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }
}
