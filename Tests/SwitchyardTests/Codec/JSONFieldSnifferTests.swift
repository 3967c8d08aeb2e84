import Testing
@testable import Switchyard

@Suite struct JSONFieldSnifferTests {
    @Test func readsTopLevelFieldsOnly() throws {
        let body = Array(
            #"{"messages":[{"role":"user","content":"say \"model\": x","model":"nested"}],"model":"gpt-4o-mini","stream":true,"max_tokens":64,"stream_options":{"include_usage":true}}"#
                .utf8)
        let facts = try RelayFacts.json(body)
        #expect(facts.model == "gpt-4o-mini")
        #expect(facts.stream)
        #expect(facts.maxTokens == 64)
        #expect(facts.includeUsage)
        let range = try #require(facts.modelRange)
        #expect(String(decoding: body[range], as: UTF8.self) == #""gpt-4o-mini""#)
    }

    @Test func escapedModelNamesAreDecoded() throws {
        #expect(try RelayFacts.json(Array(#"{"model":"a\/b"}"#.utf8)).model == "a/b")
    }

    @Test(arguments: ["", "[]", "{\"model\": 5}", "{\"stream\":true}", "{\"model\":\"x\"", "not json"])
    func refusesBodiesWithoutAModel(body: String) {
        #expect(throws: GatewayError.self) { try RelayFacts.json(Array(body.utf8)) }
    }

    @Test func readsTheModelOfAMultipartForm() throws {
        let body =
            "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n\r\nID3...\r\n--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--b--\r\n"
        #expect(try RelayFacts.multipart(Array(body.utf8)).model == "whisper-1")
    }
}
