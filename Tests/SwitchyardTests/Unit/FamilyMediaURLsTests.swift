import Testing

@testable import Switchyard

/// Which URLs of a finished result the media store copies: a family's files, not every link it carries.
@Suite struct FamilyMediaURLsTests {
    @Test func fluxCopiesTheSampleOnly() throws {
        let answer = try #require(
            JSONValue.parse(
                #"""
                {"id":"t1","status":"Ready","polling_url":"https://api.bfl.ai/v1/get_result?id=t1","preview":"https://bfl.ai/p/t1",
                 "result":{"sample":"https://delivery.bfl.ai/t1/sample.jpg?sig=x","prompt":"https://example.com/ref.png"},"progress":1}
                """#.utf8))
        #expect(FluxFamily().mediaURLs(in: answer) == ["https://delivery.bfl.ai/t1/sample.jpg?sig=x"])
    }

    @Test func midjourneyCopiesItsImageAndVideoNotPromptsOrButtons() throws {
        let task = try #require(
            JSONValue.parse(
                #"""
                {"id":"1","prompt":"https://cdn.example/ref.png","promptEn":"https://cdn.example/ref.png",
                 "imageUrl":"https://cdn.example/a.png","videoUrl":"https://cdn.example/a.mp4",
                 "buttons":[{"customId":"MJ::JOB::upsample::1::h","label":"U1"}],
                 "properties":{"finalPrompt":"https://cdn.example/ref2.png","notifyHook":"https://hooks.example/x"}}
                """#.utf8))
        #expect(MidjourneyFamily().mediaURLs(in: task) == ["https://cdn.example/a.png", "https://cdn.example/a.mp4"])
        let upload = try #require(JSONValue.parse(#"{"urls":["https://cdn.discordapp.com/u/1.png"],"submit":{"code":1}}"#.utf8))
        #expect(MidjourneyFamily().mediaURLs(in: upload).isEmpty)
    }

    @Test func aFamilyThatSaysNothingCopiesEveryHTTPURL() throws {
        let result = try #require(JSONValue.parse(#"{"data":[{"url":"https://a.example/1.png"},{"url":"http://b.example/2.png"}],"n":"x"}"#.utf8))
        #expect(RecraftFamily().mediaURLs(in: result) == ["https://a.example/1.png", "http://b.example/2.png"])
    }
}
