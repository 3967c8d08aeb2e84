import NIOHTTP1
import Testing

@testable import Switchyard

/// How an OpenAI images request becomes an Ideogram call, and what it is priced as.
@Suite struct IdeogramOpenAIImageBridgeTests {
    let bridge = IdeogramOpenAIImageBridge()
    let prices = PriceTable(rules: IdeogramPrices.rules)

    func price(_ call: TaskCall) throws -> Int64 {
        var facts = call.priceFacts
        facts["family"] = "ideogram"
        facts["model"] = call.model
        facts["action"] = call.action
        return try prices.quote(facts).amountMicros
    }

    @Test func aLegacyModelBecomesAGenerateCallWithTheNearestAspectRatio() throws {
        let call = try bridge.taskCall(
            for: OpenAIImageRequest(model: "ideogram-v2-turbo", prompt: "a kite", count: 3, size: "1792x1024", responseFormat: "b64_json"))
        #expect(call.path == "/generate")
        #expect(call.model == "V_2_TURBO")
        let imageRequest = try #require(call.upstreamBody?["image_request"])
        #expect(imageRequest["prompt"] == "a kite")
        #expect(imageRequest["model"] == "V_2_TURBO")
        #expect(imageRequest["num_images"] == .int(3))
        #expect(imageRequest["aspect_ratio"] == "ASPECT_16_9")
        #expect(try price(call) == 150_000)
    }

    @Test(arguments: [
        ("1024x1024", "ASPECT_1_1"), ("1024x1792", "ASPECT_9_16"), ("1536x1024", "ASPECT_3_2"), ("1024x1536", "ASPECT_2_3"),
        ("1280x1024", "ASPECT_4_3"), ("512x1536", "ASPECT_1_3"), ("1600x1000", "ASPECT_16_10"),
    ])
    func sizesMapToTheNearestAspectRatio(size: String, ratio: String) throws {
        let call = try bridge.taskCall(for: OpenAIImageRequest(model: "V_2", prompt: "x", size: size))
        #expect(call.upstreamBody?["image_request"]?["aspect_ratio"] == .string(ratio))
    }

    @Test func sizeAutoLeavesTheAspectRatioToIdeogram() throws {
        let call = try bridge.taskCall(for: OpenAIImageRequest(model: "V_2", prompt: "x", size: "auto"))
        #expect(call.upstreamBody?["image_request"]?["aspect_ratio"] == nil)
    }

    @Test func version3IsAMultipartCallPricedByTheSpeedQualityPicks() throws {
        let call = try bridge.taskCall(for: OpenAIImageRequest(model: "ideogram-v3", prompt: "a map", count: 2, size: "1024x1792", quality: "high"))
        #expect(call.path == "/v1/ideogram-v3/generate")
        #expect(call.model == "V_3")
        let form = try #require(FormUpload(stored: call.upstreamBody?[IdeogramFamily.formKey]))
        #expect(try form.text("prompt") == "a map")
        #expect(try form.text("num_images") == "2")
        #expect(try form.text("rendering_speed") == "QUALITY")
        #expect(try form.text("aspect_ratio") == "9x16")
        #expect(try price(call) == 180_000)
        let turbo = try bridge.taskCall(for: OpenAIImageRequest(model: "V_3", prompt: "a map", quality: "low"))
        #expect(try price(turbo) == 30_000)
    }

    @Test func valuesIdeogramCannotServeAre400sNamingTheOpenAIField() {
        for (request, field) in [
            (OpenAIImageRequest(model: "dall-e-3", prompt: "x"), "model"),
            (OpenAIImageRequest(model: "V_2", prompt: "x", count: 9), "n"),
            (OpenAIImageRequest(model: "V_2", prompt: "x", size: "big"), "size"),
            (OpenAIImageRequest(model: "V_2", prompt: ""), "prompt"),
        ] {
            #expect(throws: GatewayError.self) { try bridge.taskCall(for: request) }
            do {
                _ = try bridge.taskCall(for: request)
            } catch let error as GatewayError {
                #expect(error.message.hasPrefix(field), "\(error.message)")
                #expect((400..<500).contains(Int(error.status.code)))
            } catch {}
        }
    }

    @Test func theImageURLsOfAFinishedTaskAreItsDataURLsInOrder() throws {
        let result = JSONValue.parse(#"{"created":"2026-01-01T00:00:00Z","data":[{"url":"https://a/1.png"},{"url":"https://a/2.png"}]}"#.utf8)
        var task = TaskRecord(
            id: "t", family: "ideogram", action: "generate", model: "V_2", tokenID: "k", channelID: 1, upstreamID: "t", state: .succeeded,
            upstreamStatus: "SUCCESS", request: .object([:]), upstreamRequest: .object([:]), result: result, view: nil, failureReason: nil,
            priceMicros: 0, callbackURL: nil, createdAt: 0, updatedAt: 0, finishedAt: 0, pollAttempts: 0)
        #expect(bridge.imageURLs(in: task) == ["https://a/1.png", "https://a/2.png"])
        task.result = nil
        #expect(bridge.imageURLs(in: task).isEmpty)
    }

    @Test func theChannelKeyIsSentInApiKeyAndNoBearer() throws {
        var headers: HTTPHeaders = ["Authorization": "Bearer customer"]
        try IdeogramAuthorizer().authorize(&headers, with: UpstreamCredential(key: "channel-key"))
        #expect(headers["Api-Key"] == ["channel-key"])
        #expect(headers["Authorization"].isEmpty)
    }
}
