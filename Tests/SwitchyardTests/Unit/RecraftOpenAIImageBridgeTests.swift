import Foundation
import Testing

@testable import Switchyard

/// The mapping of OpenAI's images request onto Recraft's generation call, and the URLs a finished task shows.
@Suite struct RecraftOpenAIImageBridgeTests {
    let bridge = RecraftOpenAIImageBridge()

    @Test func anOpenAIRequestBecomesRecraftsGenerationPricedAsOne() throws {
        let call = try bridge.taskCall(
            for: OpenAIImageRequest(
                model: "recraftv2", prompt: "a fox", count: 2, size: "1024x1024", style: "vector_illustration", responseFormat: "b64_json",
                body: ["substyle": "line_art"]))
        #expect(call.action == "generations")
        #expect(call.model == "recraftv2")
        #expect(call.path == "/images/generations")
        #expect(
            call.upstreamBody == [
                "prompt": "a fox", "n": .int(2), "model": "recraftv2", "size": "1024x1024", "style": "vector_illustration",
                "substyle": "line_art", "response_format": "url",
            ])
        #expect(call.priceFacts == ["output": "vector", "n": "2"])
        #expect(bridge.taskFamily.name == "recraft")
    }

    @Test func openAIsOwnStylesAreLeftOutAndDefaultsFilled() throws {
        let call = try bridge.taskCall(for: OpenAIImageRequest(model: "recraftv3", prompt: "a fox", style: "vivid"))
        #expect(call.upstreamBody?["style"] == "realistic_image")
        #expect(call.upstreamBody?["size"] == "1024x1024")
        #expect(call.upstreamBody?["response_format"] == "url")
        #expect(call.priceFacts == ["output": "raster", "n": "1"])
    }

    @Test(arguments: [
        (OpenAIImageRequest(model: "recraftv3", prompt: "x", size: "1792x1024"), "size"),
        (OpenAIImageRequest(model: "recraftv3", prompt: "x", count: 3), "n"),
        (OpenAIImageRequest(model: "recraftv3", prompt: "x", style: "icon"), "style"),
        (OpenAIImageRequest(model: "recraftv3", prompt: "", style: nil), "prompt"),
        (OpenAIImageRequest(model: "recraftv3", prompt: "x", responseFormat: "png"), "response_format"),
    ])
    func whatRecraftCannotServeIsAValidationErrorNamingTheField(request: OpenAIImageRequest, field: String) {
        #expect {
            try bridge.taskCall(for: request)
        } throws: { error in
            (error as? GatewayError)?.code == .validationFailed && (error as? GatewayError)?.message.hasPrefix(field + ":") == true
        }
    }

    @Test func theURLsOfAFinishedTaskInOrder() {
        var task = TaskRecord(
            id: "t", family: "recraft", action: "generations", model: "recraftv3", tokenID: "k", channelID: 1, upstreamID: "u",
            state: .succeeded, upstreamStatus: "completed", request: .object([:]), upstreamRequest: .object([:]),
            result: .object(["created": .int(1), "data": .array([.object(["url": "https://a/1.webp"]), .object(["url": "https://a/2.webp"])])]),
            view: nil, failureReason: nil, priceMicros: 0, callbackURL: nil, createdAt: 0, updatedAt: 0, finishedAt: 0, pollAttempts: 0)
        #expect(bridge.imageURLs(in: task) == ["https://a/1.webp", "https://a/2.webp"])
        task.result = .object(["created": .int(1), "data": .array([.object(["b64_json": "AAAA"])])])
        #expect(bridge.imageURLs(in: task).isEmpty)
    }
}
