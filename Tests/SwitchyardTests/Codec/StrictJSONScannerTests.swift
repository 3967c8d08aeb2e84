import Testing
@testable import Switchyard

@Suite struct StrictJSONScannerTests {
    static func scan(_ text: String) throws(StrictJSONScanner.Failure) -> StrictJSONScanner.Document {
        try StrictJSONScanner.scanObject(Array(text.utf8))
    }

    @Test func readsTopLevelMembersOnly() throws {
        let text = #"{"messages":[{"role":"user","content":"say \"model\": x","model":"nested"}],"model":"gpt-4o-mini","n":2}"#
        let document = try Self.scan(text)
        #expect(document.members.map(\.key) == ["messages", "model", "n"])
        let range = try #require(document.range(of: "model"))
        #expect(String(decoding: Array(text.utf8)[range], as: UTF8.self) == #""gpt-4o-mini""#)
    }

    @Test(arguments: [
        #"{"model":"a","model":"b"}"#, #"{"model":"a","mod\u0065l":"b"}"#, #"{"m\u006fdel":"a","model":"b"}"#,
        #"{"x":{"k":1,"k":2}}"#, #"{"x":[{"a":1},{"b":1,"b":2}]}"#, #"{"\ud83d\ude00":1,"😀":2}"#,
    ])
    func refusesAKeyNamedTwice(text: String) {
        #expect(throws: StrictJSONScanner.Failure.self) { try Self.scan(text) }
    }

    @Test func refusesDuplicatesAmongManyKeysInLinearTime() {
        let keys = (0..<5_000).map { #""k\#($0)":1"# }.joined(separator: ",")
        #expect(throws: StrictJSONScanner.Failure.duplicateKey("k0")) { try Self.scan("{" + keys + #","k0":2}"#) }
        #expect(throws: Never.self) { try Self.scan("{" + keys + "}") }
    }

    @Test(arguments: [
        "", "[]", "{", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":NaN}", "{\"a\":Infinity}",
        "{\"a\":tru}", "{\"a\":\"\u{01}\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":1} x", "{'a':1}", "{\"a\":[1,2}",
    ])
    func refusesWhatIsNotJSON(text: String) {
        #expect(throws: StrictJSONScanner.Failure.self) { try Self.scan(text) }
    }

    @Test func refusesNestingPastTheLimit() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: StrictJSONScanner.Failure.tooDeep) { try Self.scan(#"{"a":"# + deep + "}") }
    }

    @Test func acceptsWhatIsJSON() throws {
        let document = try Self.scan(#" { "a" : [ -0.5e+3 , 1E2 , true , false , null , "\u00e9\n" , { } , [ ] ] , "b" : {"c":"d"} } "#)
        #expect(document.members.map(\.key) == ["a", "b"])
    }

    @Test func countsImageParts() throws {
        let text =
            #"{"messages":[{"content":[{"type":"text","text":"hi"},{"type":"image_url","image_url":{"url":"x"}},{"type":"image","source":{}}]}]}"#
        #expect(try Self.scan(text).imageParts == 2)
    }
}
