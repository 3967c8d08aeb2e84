import Foundation
import Testing
@testable import Switchyard

/// The hand-written parser reads every JSON text as Foundation's `JSONDecoder` does (same values, same refusals),
/// keeps keys in document order, and refuses what would make it recurse without bound.
@Suite struct JSONParserTests {
    /// `JSONDecoder`'s reading, the reference; keys compared without their order.
    private func reference(_ text: String) -> JSONValue? { reference(Array(text.utf8)) }

    private func reference(_ bytes: [UInt8]) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    private func canonical(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        switch value {
        case .object(let object):
            let members = object.keys.sorted().map { JSONValue.string($0).encoded() + ":" + (canonical(object[$0]) ?? "") }
            return "{" + members.joined(separator: ",") + "}"
        case .array(let items): return "[" + items.map { canonical($0) ?? "" }.joined(separator: ",") + "]"
        case .number(let number): return "n\(number.bitPattern)"
        default: return value.encoded()
        }
    }

    static let corpus: [String] = [
        #"{"id":"chatcmpl-1","object":"chat.completion","usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}}"#,
        #"  [1, -2, 3.5, -0, 0.0, 1e3, 2E-2, -1.25e+2, 123456789012345678, 9007199254740993]  "#,
        #""plain""#, "true", "false", "null", "0", "-0", "12", "1.5e308", "4.9e-324",
        #"{"a":{"b":{"c":[{"d":null}]}},"e":"\u00e9\ud83d\ude00\n\t\"\\\/\b\f\r","f":""}"#,
        #"{"emoji":"😀","cjk":"漢字","mixed":"a\u0041b"}"#,
        "{}", "[]", "[[]]", "{\"\":0}",
        // Refused by both.
        "", " ", "{", "}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "-", "+1", "1e", "1e+", "--1", "0x10",
        "1e400", "-1e400", "nul", "tru", "[1 2]", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\ude00\"",
        "\"\\ud83d\\u0041\"", "\"raw \u{01} control\"", "{\"a\":1}x", "[1]]", "NaN", "Infinity", "'single'",
    ]

    @Test(arguments: corpus) func readsLikeJSONDecoder(_ text: String) {
        #expect(canonical(JSONValue.parse(Array(text.utf8))) == canonical(reference(text)), "\(text)")
    }

    @Test func keepsKeysInDocumentOrderAndTheLastOfADuplicate() throws {
        let object = try #require(JSONValue.parse(Array(#"{"zeta":1,"alpha":2,"mid":{"y":1,"x":2},"zeta":3}"#.utf8))?.objectValue)
        #expect(object.keys == ["zeta", "alpha", "mid"])
        #expect(object["zeta"] == 3)
        #expect(object["mid"]?.objectValue?.keys == ["y", "x"])
    }

    /// `JSONDecoder` lets a trailing comma through; RFC 8259 does not, and neither does the parser.
    @Test func refusesTrailingCommas() {
        for text in ["[1,]", #"{"a":1,}"#, "[,]"] { #expect(JSONValue.parse(Array(text.utf8)) == nil, "\(text)") }
    }

    @Test func refusesInvalidUTF8() {
        #expect(JSONValue.parse([0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSONValue.parse([0x22, 0xFF, 0x22]) == nil)
    }

    @Test func refusesNestingPastItsLimitWithoutRecursingIntoIt() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONValue.parse(Array(deep.utf8)) == nil)
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(JSONValue.parse(Array(fine.utf8)) != nil)
    }

    /// Random documents, and random one-byte corruptions of them, read alike by both (a bounded count).
    @Test func randomDocumentsAndCorruptionsReadLikeJSONDecoder() {
        var generator = SystemRandomNumberGenerator()
        func randomValue(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &generator) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &generator))
            case 2: return .number([0, -1, 42, 3.25, -1e-7, 1e21, 123456789.5][Int.random(in: 0..<7, using: &generator)])
            case 3: return .string(["", "a", "é\"\\\n", "😀", "\u{1F}"][Int.random(in: 0..<5, using: &generator)])
            case 4: return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomValue(depth + 1) })
            default:
                return .object(JSONObject((0..<Int.random(in: 0..<4, using: &generator)).map { ("k\($0)", randomValue(depth + 1)) }))
            }
        }
        for _ in 0..<400 {
            let text = randomValue(0).encoded()
            #expect(canonical(JSONValue.parse(Array(text.utf8))) == canonical(reference(text)), "\(text)")
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty else { continue }
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            // A key's digit made into another key's would name it twice: `JSONDecoder` keeps the first value, the
            // parser the last, as the providers' own parsers do (see `keepsKeysInDocumentOrderAndTheLastOfADuplicate`).
            if position > 0, bytes[position - 1] == UInt8(ascii: "k") { continue }
            bytes[position] = Array("{}[],:\"\\ 0-e.a".utf8)[Int.random(in: 0..<14, using: &generator)]
            // A corruption that makes a trailing comma is read by `JSONDecoder` only (see `refusesTrailingCommas`).
            let corrupted = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
            if corrupted.contains(",]") || corrupted.contains(",}") { continue }
            #expect(canonical(JSONValue.parse(bytes)) == canonical(reference(bytes)), "\(corrupted)")
        }
    }
}
