import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Recraft's multipart image tools end to end: each uploads a file and answers an image of the right format,
/// priced as the tool is; bad forms are 400s in Recraft's shape with nothing charged.
@Suite struct RecraftToolTests {
    /// Each one-image tool, the format it answers and its price.
    enum Format: Sendable { case svg, transparentPNG, webp }

    @Test(arguments: [
        ("vectorize", Format.svg, Int64(10_000)), ("removeBackground", .transparentPNG, 10_000), ("clarityUpscale", .webp, 4_000),
        ("generativeUpscale", .webp, 250_000),
    ])
    func aToolAnswersItsImageAndIsChargedItsPrice(tool: String, format: Format, price: Int64) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let answer = try await harness.recraftForm("/images/\(tool)", key: key, parts: [.file()])
            #expect(answer.status == 200, "\(answer.body)")
            let file = try await harness.download(try #require(answer.json?["image"]?["url"]?.stringValue))
            #expect(file.status == 200)
            switch format {
            case .svg: #expect(RecraftImages.isSVG(file.bytes))
            case .transparentPNG: #expect(RecraftImages.pngHeader(file.bytes)?.colorType == 6)
            case .webp: #expect(RecraftImages.webPSize(file.bytes) != nil)
            }
            #expect(harness.emulators[0].requestCount("POST /recraft/v1/images/\(tool)") == 1)
            #expect(try await harness.token(forKey: key).usedMicros == price)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aToolAnswersBase64WhenAsked() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.recraftForm(
                "/images/removeBackground", key: key, parts: [.file(), .field("response_format", "b64_json")])
            #expect(answer.status == 200, "\(answer.body)")
            let bytes = try #require(answer.json?["image"]?["b64_json"]?.stringValue.flatMap { Data(base64Encoded: $0) })
            #expect(RecraftImages.pngHeader(Array(bytes))?.colorType == 6)
        }
    }

    @Test func editsAnswerGeneratedImagesPricedPerImageAndStyle() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let toImage = try await harness.recraftForm(
                "/images/imageToImage", key: key,
                parts: [.file("image"), .field("prompt", "as a watercolor"), .field("strength", "0.4"), .field("n", "2")])
            #expect(toImage.status == 200, "\(toImage.body)")
            #expect(toImage.json?["data"]?.arrayValue?.count == 2)
            #expect(try await harness.token(forKey: key).usedMicros == 80_000)

            let inpaint = try await harness.recraftForm(
                "/images/inpaint", key: key,
                parts: [.file("image"), .file("mask"), .field("prompt", "a red door"), .field("style", "vector_illustration")])
            #expect(inpaint.status == 200, "\(inpaint.body)")
            let svg = try await harness.download(try #require(inpaint.json?["data"]?[0]?["url"]?.stringValue))
            #expect(RecraftImages.isSVG(svg.bytes))
            #expect(try await harness.token(forKey: key).usedMicros == 160_000)

            let background = try await harness.recraftForm(
                "/images/replaceBackground", key: key, parts: [.file(), .field("prompt", "a beach at noon")])
            // Uploaded as `file`, the name the one-image tools use: taken as the image.
            #expect(background.status == 200, "\(background.body)")
            let webp = try await harness.download(try #require(background.json?["data"]?[0]?["url"]?.stringValue))
            #expect(RecraftImages.webPSize(webp.bytes) != nil)
            #expect(try await harness.token(forKey: key).usedMicros == 200_000)
            try await harness.expectLedgerBalanced()
        }
    }

    static let badForms: [(String, [RecraftPart], String)] = [
        ("/images/vectorize", [.field("response_format", "url")], "file"),
        ("/images/vectorize", [.file(), .field("response_format", "svg")], "response_format"),
        ("/images/removeBackground", [.file(), .file()], "file"),
        ("/images/imageToImage", [.file("image"), .field("strength", "0.5")], "prompt"),
        ("/images/imageToImage", [.file("image"), .field("prompt", "x")], "strength"),
        ("/images/imageToImage", [.file("image"), .field("prompt", "x"), .field("strength", "2")], "strength"),
        ("/images/inpaint", [.file("image"), .field("prompt", "x")], "mask"),
        ("/images/replaceBackground", [.field("prompt", "x")], "image"),
        ("/images/imageToImage", [.file("image"), .file("image"), .field("prompt", "x"), .field("strength", "0.5")], "image"),
        ("/images/replaceBackground", [.file("image"), .field("prompt", "x"), .field("n", "3")], "n"),
        ("/images/replaceBackground", [.file("image"), .field("prompt", "x"), .field("style", "icon")], "style"),
        ("/styles", [.file("files")], "style"),
        ("/styles", [.field("style", "digital_illustration")], "files"),
        ("/styles", [.field("style", "oil")] + [.file("files")], "style"),
        ("/styles", [.field("style", "icon")] + Array(repeating: .file("files"), count: 6), "files"),
    ]

    @Test func badFormsAre400sInRecraftsShapeWithNothingCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for (path, parts, field) in Self.badForms {
                let answer = try await harness.recraftForm(path, key: key, parts: parts)
                #expect(answer.status == 400, "\(path) \(field): \(answer.body)")
                #expect(answer.json?["message"]?.stringValue?.hasPrefix(field + ":") == true, "\(path): \(answer.body)")
            }
            let notAForm = try await harness.call(.POST, harness.recraftURL + "/images/vectorize", key: key, body: #"{"file":"x"}"#)
            #expect(notAForm.status == 400)
            #expect(notAForm.json?["code"] == "invalid_request")
            #expect(try await harness.token(forKey: key).usedMicros == 0)
            #expect(try await harness.token(forKey: key).heldMicros == 0)
        }
    }

    @Test func aModeratedEditIsRefundedInRecraftsShape() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let answer = try await harness.recraftForm(
                "/images/replaceBackground", key: key, parts: [.file("image"), .field("prompt", "a riot [recraft:moderation]")])
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.json?["message"] == "The prompt violates the content policy")
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }
}
