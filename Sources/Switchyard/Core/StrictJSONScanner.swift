/// Reads a request body the way a strict JSON parser upstream will: the whole document is checked against
/// RFC 8259 in one pass over the bytes, without building it, and an object that names a key twice — also when the
/// two spellings differ only by escapes (`"model"` and `"mod\u0065l"`) — is refused, since parsers disagree on
/// which of the two wins. What routing and pricing read (the top-level members) is then what the upstream reads.
public struct StrictJSONScanner {
    /// Why a document was refused; `offset` is the byte where reading stopped.
    public enum Failure: Error, Equatable, Sendable {
        case invalid(offset: Int)
        case duplicateKey(String)
        case tooDeep
    }

    /// One member of the top-level object: its key (escapes resolved) and where its value's bytes are.
    public struct Member: Sendable, Equatable {
        public let key: String
        public let range: Range<Int>
    }

    /// What a scan found.
    public struct Document: Sendable {
        /// The top-level object's members, in order.
        public let members: [Member]
        /// Objects anywhere in the document whose `type` names an image (`image_url`, `image`, `input_image`):
        /// each costs input tokens that its bytes do not show.
        public let imageParts: Int

        /// The value range of the top-level member `key`.
        public func range(of key: String) -> Range<Int>? {
            members.first { $0.key == key }?.range
        }
    }

    /// Nesting deeper than this is refused rather than read (recursion is bounded, and no API needs it).
    public static let maximumDepth = 128

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var imageParts = 0
    /// Keys of every object being read, innermost last; each object owns the suffix from its start.
    private var openKeys: [KeyBytes] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Scans `body`, which must hold one JSON object; throws `Failure` otherwise.
    public static func scanObject(_ body: [UInt8]) throws(Failure) -> Document {
        do {
            return try body.withUnsafeBufferPointer { buffer in
                var scanner = StrictJSONScanner(bytes: buffer)
                return try scanner.document()
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .invalid(offset: 0)
        }
    }

    private mutating func document() throws(Failure) -> Document {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw .invalid(offset: index) }
        var members: [Member] = []
        try object(depth: 1, topLevel: &members)
        skipSpace()
        guard index == bytes.count else { throw .invalid(offset: index) }
        return Document(members: members, imageParts: imageParts)
    }

    // MARK: values

    private mutating func value(depth: Int) throws(Failure) {
        guard index < bytes.count else { throw .invalid(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var ignored: [Member] = []
            try object(depth: depth + 1, topLevel: &ignored, recordMembers: false)
        case UInt8(ascii: "["): try array(depth: depth + 1)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    private mutating func object(depth: Int, topLevel members: inout [Member], recordMembers: Bool = true) throws(Failure) {
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        index += 1  // {
        let keysStart = openKeys.count
        defer { openKeys.removeSubrange(keysStart...) }
        var typeNamesImage = false
        var hashedKeys: Set<[UInt8]>?
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw .invalid(offset: index) }
            let key = try string()
            try noteKey(key, objectKeysFrom: keysStart, hashed: &hashedKeys)
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw .invalid(offset: index) }
            index += 1
            skipSpace()
            let valueStart = index
            try value(depth: depth)
            if key.equals("type", in: bytes), Self.imageTypes.contains(where: { bytes[valueStart..<index].elementsEqual($0) }) {
                typeNamesImage = true
            }
            if recordMembers && depth == 1 {
                members.append(Member(key: key.string(in: bytes), range: valueStart..<index))
            }
            skipSpace()
            guard index < bytes.count else { throw .invalid(offset: index) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw .invalid(offset: index) }
            index += 1
            if typeNamesImage { imageParts += 1 }
            return
        }
    }

    private static let imageTypes: [[UInt8]] = ["\"image_url\"", "\"image\"", "\"input_image\""].map { Array($0.utf8) }

    private mutating func array(depth: Int) throws(Failure) {
        guard depth <= Self.maximumDepth else { throw .tooDeep }
        index += 1  // [
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipSpace()
            try value(depth: depth)
            skipSpace()
            guard index < bytes.count else { throw .invalid(offset: index) }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw .invalid(offset: index) }
            index += 1
            return
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw .invalid(offset: index) }
        for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] { throw .invalid(offset: index + offset) }
        index += length
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(Failure) {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw .invalid(offset: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw .invalid(offset: index) }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw .invalid(offset: index) }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: strings and keys

    /// Reads a string starting at its quote; returns its bytes, decoded only when it holds escapes.
    private mutating func string() throws(Failure) -> KeyBytes {
        let start = index
        index += 1
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                let contents = (start + 1)..<(index - 1)
                return escaped ? .decoded(try Self.unescape(bytes[contents], at: start)) : .raw(contents)
            case UInt8(ascii: "\\"):
                escaped = true
                guard index + 1 < bytes.count else { throw .invalid(offset: index) }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 5 < bytes.count, (2...5).allSatisfy({ Self.hexValue(bytes[index + $0]) != nil }) else {
                        throw .invalid(offset: index)
                    }
                    index += 6
                default: throw .invalid(offset: index)
                }
            case 0..<0x20:
                throw .invalid(offset: index)
            default:
                index += 1
            }
        }
        throw .invalid(offset: start)
    }

    /// Refuses a key the current object already has.
    private mutating func noteKey(_ key: KeyBytes, objectKeysFrom start: Int, hashed: inout Set<[UInt8]>?) throws(Failure) {
        if hashed == nil, openKeys.count - start < 16 {
            for existing in openKeys[start...] where existing.equals(key, in: bytes) {
                throw .duplicateKey(key.string(in: bytes))
            }
        } else {
            // Many keys: hash them, so that a crafted object with thousands of keys costs linear time, not quadratic.
            if hashed == nil { hashed = Set(openKeys[start...].map { $0.bytes(in: bytes) }) }
            guard hashed?.insert(key.bytes(in: bytes)).inserted == true else { throw .duplicateKey(key.string(in: bytes)) }
        }
        openKeys.append(key)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The UTF-8 bytes a string's contents stand for, escapes resolved (a lone surrogate becomes U+FFFD, as
    /// lenient parsers make it).
    private static func unescape(_ contents: Slice<UnsafeBufferPointer<UInt8>>, at offset: Int) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(contents.count)
        var index = contents.startIndex
        func hex4(_ at: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 << 4 | (hexValue(contents[at + $1]) ?? 0) }
        }
        while index < contents.endIndex {
            let byte = contents[index]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                index += 1
                continue
            }
            let kind = contents[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(index)
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 5 < contents.endIndex, contents[index] == UInt8(ascii: "\\"),
                    contents[index + 1] == UInt8(ascii: "u")
                {
                    let low = hex4(index + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                output.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
            default: output.append(kind)  // \" \\ \/
            }
        }
        return output
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }
}

/// A key as read: a range of the document when it has no escapes (no copy), its decoded bytes otherwise.
private enum KeyBytes {
    case raw(Range<Int>)
    case decoded([UInt8])

    func bytes(in document: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        switch self {
        case .raw(let range): Array(document[range])
        case .decoded(let bytes): bytes
        }
    }

    func equals(_ other: KeyBytes, in document: UnsafeBufferPointer<UInt8>) -> Bool {
        switch (self, other) {
        case (.raw(let left), .raw(let right)): document[left].elementsEqual(document[right])
        case (.raw(let range), .decoded(let bytes)), (.decoded(let bytes), .raw(let range)): document[range].elementsEqual(bytes)
        case (.decoded(let left), .decoded(let right)): left == right
        }
    }

    func equals(_ word: StaticString, in document: UnsafeBufferPointer<UInt8>) -> Bool {
        let wordBytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        return switch self {
        case .raw(let range): document[range].elementsEqual(wordBytes)
        case .decoded(let bytes): bytes.elementsEqual(wordBytes)
        }
    }

    func string(in document: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes(in: document), as: UTF8.self)
    }
}
