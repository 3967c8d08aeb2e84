import Testing
@testable import Switchyard

@Suite struct RelayFactsTests {
    @Test func readsWhatPricesTheCall() throws {
        let body = Array(
            #"{"messages":[{"role":"user","content":"x"}],"model":"gpt-4o-mini","stream":true,"max_tokens":64,"n":3,"stream_options":{"include_usage":true}}"#
                .utf8)
        let facts = try RelayFacts.json(body, meter: .chat)
        #expect(facts.model == "gpt-4o-mini")
        #expect(facts.stream)
        #expect(facts.maxTokens == 64)
        #expect(facts.choices == 3)
        #expect(facts.includeUsage)
        let worst = UsageMeter.chat.worstCase(facts, defaultMaxTokens: 4_096)
        #expect(worst.output == 192)
        #expect(worst.input == body.count)
    }

    @Test func escapedModelNamesAreDecoded() throws {
        #expect(try RelayFacts.json(Array(#"{"model":"a\/b"}"#.utf8), meter: .chat).model == "a/b")
        #expect(try RelayFacts.json(Array(#"{"mod\u0065l":"gpt-4o"}"#.utf8), meter: .chat).model == "gpt-4o")
    }

    @Test(arguments: [
        "", "[]", "{\"model\": 5}", "{\"stream\":true}", "{\"model\":\"x\"", "not json", #"{"model":"a","model":"b"}"#,
        #"{"model":"a","stream":"yes"}"#, #"{"model":"a","max_tokens":1.5}"#, #"{"model":"a","max_tokens":1e300}"#,
        #"{"model":"a","max_tokens":-1}"#, #"{"model":"a","max_tokens":9223372036854775808}"#, #"{"model":"a","n":0}"#,
        #"{"model":"a","n":1000000}"#, #"{"model":"a","max_tokens":"NaN"}"#,
    ])
    func refusesBodiesThatCannotBePricedAsTheUpstreamReadsThem(body: String) {
        #expect(throws: GatewayError.self) { try RelayFacts.json(Array(body.utf8), meter: .chat) }
    }

    static let form =
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n\r\nID3...\r\n--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b--\r\n"

    @Test func readsTheModelOfAMultipartForm() throws {
        let facts = try RelayFacts.multipart(Array(Self.form.utf8), contentType: "multipart/form-data; boundary=b")
        #expect(facts.model == "whisper-1")
        #expect(facts.audioBytes == 6)
    }

    /// The text `name="model"` inside the file's bytes is not a form field.
    @Test func aFieldNameInsideAFileIsNotAField() throws {
        let body =
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nname=\"model\"\r\n\r\ncheap\r\n--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b--\r\n"
        #expect(try RelayFacts.multipart(Array(body.utf8), contentType: "multipart/form-data; boundary=b").model == "whisper-1")
    }

    @Test func refusesAFormThatNamesTheModelTwice() {
        let body = Self.form.replacingOccurrences(of: "--b--", with: "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nx\r\n--b--")
        #expect(throws: GatewayError.self) { try RelayFacts.multipart(Array(body.utf8), contentType: "multipart/form-data; boundary=b") }
    }

    @Test(arguments: [nil, "application/json", "multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=zz"])
    func refusesAFormWithoutItsBoundary(contentType: String?) {
        #expect(throws: GatewayError.self) { try RelayFacts.multipart(Array(Self.form.utf8), contentType: contentType) }
    }
}
