import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// OpenAI's `POST /v1/images/edits` relayed to an OpenAI channel: multipart uploads, priced per image by size
/// (and quality for gpt-image-1, whose input tokens, images included, are charged on top), refusals free.
@Suite struct OpenAIImageEditTests {
    @Test func aDallE2EditIsChargedPerImageBySize() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.postForm(
                "/v1/images/edits", key: key,
                [
                    .file("image", filename: "in.png", type: "image/png", bytes: IdeogramUploads.png),
                    .file("mask", filename: "mask.png", type: "image/png", bytes: IdeogramUploads.png), .text("prompt", "add a moon"),
                    .text("model", "dall-e-2"), .text("n", "2"), .text("size", "512x512"),
                ])
            #expect(answer.status == 200, "\(answer.body)")
            let images = try #require(answer.json?["data"]?.arrayValue)
            #expect(images.count == 2)
            let download = try await harness.download(try #require(images.first?["url"]?.stringValue))
            #expect(download.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            try await harness.expectSpent(2 * 18_000, key: key)
            #expect(harness.emulators[0].requestCount("POST /v1/images/edits") == 1)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aGptImage1EditOfSeveralImagesIsChargedItsImageAndItsInputTokens() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.postForm(
                "/v1/images/edits", key: key,
                [
                    .file("image[]", filename: "a.png", type: "image/png", bytes: IdeogramUploads.png),
                    .file("image[]", filename: "b.jpg", type: "image/jpeg", bytes: IdeogramUploads.jpeg), .text("prompt", "merge them"),
                    .text("model", "gpt-image-1"), .text("quality", "low"), .text("size", "1024x1024"),
                ])
            #expect(answer.status == 200, "\(answer.body)")
            let image = try #require(answer.json?["data"]?[0]?["b64_json"]?.stringValue)
            #expect(Data(base64Encoded: image).map { Array($0).starts(with: [0x89, 0x50, 0x4E, 0x47]) } == true)
            let inputTokens = try #require(answer.json?["usage"]?["input_tokens"]?.intValue)
            #expect(answer.json?["usage"]?["input_tokens_details"]?["image_tokens"]?.intValue == 2 * 194)
            // $0.011 for a low 1024×1024 image, and $5 per million input tokens.
            try await harness.expectSpent(11_000 + Int64(inputTokens) * 5, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aBadEditIsRefusedBeforeTheUpstreamAndCostsNothing() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let noImage = try await harness.postForm("/v1/images/edits", key: key, [.text("prompt", "x"), .text("model", "dall-e-2")])
            #expect(noImage.status == 400, "\(noImage.body)")
            #expect(noImage.json?["error"]?["message"]?.stringValue?.contains("image") == true)
            let badCount = try await harness.postForm(
                "/v1/images/edits", key: key,
                [.file("image", filename: "in.png", type: "image/png", bytes: IdeogramUploads.png), .text("prompt", "x"), .text("n", "11")])
            #expect(badCount.status == 400, "\(badCount.body)")
            #expect(badCount.json?["error"]?["message"]?.stringValue?.contains("n") == true)
            #expect(harness.emulators[0].requestCount("POST /v1/images/edits") == 0)
            // The upstream refuses a JPEG for dall-e-2: nothing is charged.
            let refused = try await harness.postForm(
                "/v1/images/edits", key: key,
                [.file("image", filename: "in.jpg", type: "image/jpeg", bytes: IdeogramUploads.jpeg), .text("prompt", "x")])
            #expect(refused.status == 400, "\(refused.body)")
            #expect(refused.json?["error"]?["message"]?.stringValue?.isEmpty == false)
            try await harness.expectSpent(0, key: key)
            try await harness.expectLedgerBalanced()
        }
    }
}
