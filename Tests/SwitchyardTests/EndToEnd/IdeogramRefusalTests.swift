import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// What Ideogram calls cost when they do not make images: bad input is a 422 in Ideogram's `{"detail"}` shape
/// before anything reaches the upstream, and the upstream's refusals (safety check, no credits, rate limit, a
/// refused key) are answered with nothing charged. The channel's key travels in `Api-Key`.
@Suite struct IdeogramRefusalTests {
    static let badGenerateBodies: [(String, String)] = [
        (#"{}"#, "image_request"),
        (#"{"image_request":"a cat"}"#, "image_request"),
        (#"{"image_request":{}}"#, "image_request.prompt"),
        (#"{"image_request":{"prompt":""}}"#, "image_request.prompt"),
        (#"{"image_request":{"prompt":"x","model":"V_9"}}"#, "image_request.model"),
        (#"{"image_request":{"prompt":"x","num_images":9}}"#, "image_request.num_images"),
        (#"{"image_request":{"prompt":"x","num_images":0}}"#, "image_request.num_images"),
        (#"{"image_request":{"prompt":"x","seed":-1}}"#, "image_request.seed"),
        (#"{"image_request":{"prompt":"x","seed":2147483648}}"#, "image_request.seed"),
        (#"{"image_request":{"prompt":"x","aspect_ratio":"16:9"}}"#, "image_request.aspect_ratio"),
        (#"{"image_request":{"prompt":"x","aspect_ratio":"ASPECT_1_1","resolution":"RESOLUTION_1024_1024"}}"#, "image_request.resolution"),
        (#"{"image_request":{"prompt":"x","resolution":"RESOLUTION_1000_1000"}}"#, "image_request.resolution"),
        (#"{"image_request":{"prompt":"x","model":"V_1","resolution":"RESOLUTION_1024_1024"}}"#, "image_request.resolution"),
        (#"{"image_request":{"prompt":"x","model":"V_1_TURBO","style_type":"ANIME"}}"#, "image_request.style_type"),
        (#"{"image_request":{"prompt":"x","style_type":"PHOTO"}}"#, "image_request.style_type"),
        (#"{"image_request":{"prompt":"x","magic_prompt_option":"YES"}}"#, "image_request.magic_prompt_option"),
        (#"{"image_request":{"prompt":"x","color_palette":{"name":"RAINBOW"}}}"#, "image_request.color_palette.name"),
        (#"{"image_request":{"prompt":"x","color_palette":{"members":[{"color_hex":"red"}]}}}"#, "color_hex"),
    ]

    @Test func badInputIsA422InIdeogramsShapeWithNothingCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for (body, field) in Self.badGenerateBodies {
                let answer = try await harness.call(.POST, harness.baseURL + "/ideogram/generate", key: key, body: body)
                #expect(answer.status == 422, "\(body): \(answer.body)")
                #expect(answer.json?["detail"]?.stringValue?.contains(field) == true, "\(body): \(answer.body)")
            }
            let forms: [(String, [TestHarness.FormField], String)] = [
                ("/ideogram/remix", [.text("image_request", #"{"prompt":"x"}"#)], "image_file"),
                ("/ideogram/remix", [IdeogramUploads.image(), .text("image_request", "not json")], "image_request"),
                ("/ideogram/remix", [IdeogramUploads.image(), .text("image_request", #"{"prompt":"x","image_weight":101}"#)], "image_weight"),
                ("/ideogram/remix", [.file("image_file", filename: "a.txt", type: "text/plain", bytes: Array("hello".utf8))], "image_file"),
                ("/ideogram/edit", [IdeogramUploads.image(), .text("prompt", "x"), .text("model", "V_2")], "mask"),
                ("/ideogram/edit", [IdeogramUploads.image(), IdeogramUploads.mask(), .text("prompt", "x"), .text("model", "V_1")], "model"),
                ("/ideogram/upscale", [IdeogramUploads.image(), .text("image_request", #"{"resemblance":0}"#)], "resemblance"),
                ("/ideogram/describe", [.text("prompt", "x")], "image_file"),
                ("/ideogram/v1/ideogram-v3/generate", [.text("prompt", "x"), .text("rendering_speed", "FAST")], "rendering_speed"),
                ("/ideogram/v1/ideogram-v3/generate", [.text("prompt", "x"), .text("num_images", "two")], "num_images"),
                (
                    "/ideogram/v1/ideogram-v3/generate", [.text("prompt", "x"), .text("aspect_ratio", "1x1"), .text("resolution", "1024x1024")],
                    "resolution"
                ),
                ("/ideogram/v1/ideogram-v3/reframe", [IdeogramUploads.image("image")], "resolution"),
                ("/ideogram/v1/ideogram-v3/edit", [IdeogramUploads.image("image"), .text("prompt", "x")], "mask"),
            ]
            for (path, fields, field) in forms {
                let answer = try await harness.postForm(path, key: key, fields)
                #expect(answer.status == 422, "\(path) \(field): \(answer.body)")
                #expect(answer.json?["detail"]?.stringValue?.contains(field) == true, "\(path) \(field): \(answer.body)")
            }
            let notAForm = try await harness.call(.POST, harness.baseURL + "/ideogram/describe", key: key, body: "{}")
            #expect(notAForm.status == 400, "\(notAForm.body)")
            #expect(notAForm.json?["detail"] != nil)
            let malformed = try await harness.call(.POST, harness.baseURL + "/ideogram/generate", key: key, rawBody: "{not json")
            #expect(malformed.status == 400)
            #expect(malformed.json?["detail"] != nil)
            let anonymous = try await harness.call(
                .POST, harness.baseURL + "/ideogram/generate", key: nil, body: #"{"image_request":{"prompt":"x"}}"#)
            #expect(anonymous.status == 401)
            #expect(anonymous.json?["detail"] != nil)

            for call in ["generate", "remix", "edit", "upscale", "describe", "v1/ideogram-v3/generate", "v1/ideogram-v3/reframe"] {
                #expect(harness.emulators[0].requestCount("POST /ideogram/\(call)") == 0, "\(call)")
            }
            try await harness.expectSpent(0, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aPromptThatFailsTheSafetyCheckIsRefusedWithIdeogramsWordsAndCostsNothing() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.ideogramGenerate(#"{"prompt":"something banned [fault:moderation]","num_images":4}"#, key: key)
            #expect(answer.status == 422, "\(answer.body)")
            #expect(answer.json?["detail"] == "Prompt or provided image failed the safety checks")
            let version3 = try await harness.postForm(
                "/ideogram/v1/ideogram-v3/generate", key: key, [.text("prompt", "banned [fault:moderation]"), .text("rendering_speed", "QUALITY")])
            #expect(version3.status == 422, "\(version3.body)")
            try await harness.expectSpent(0, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: ["[fault:no-credits]", "[fault:429]", "[fault:invalid]"])
    func anUpstreamRefusalCostsNothing(marker: String) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.ideogramGenerate(#"{"prompt":"a cat \#(marker)"}"#, key: key)
            #expect((400..<600).contains(answer.status), "\(answer.body)")
            #expect(answer.status != 200)
            #expect(answer.json?["detail"]?.stringValue?.isEmpty == false, "\(answer.body)")
            #expect(answer.body.contains("ideogram-key") == false)
            try await harness.expectSpent(0, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func theChannelKeyGoesUpstreamInApiKey() async throws {
        // The emulator accepts only the Ideogram channel's key, and only in `Api-Key`.
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["ideogram-key-0"])]) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.ideogramGenerate(#"{"prompt":"a key"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            try await harness.expectSpent(80_000, key: key)
        }
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["some-other-key"])]) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.ideogramGenerate(#"{"prompt":"a key"}"#, key: key)
            #expect(answer.status >= 400, "\(answer.body)")
            #expect(answer.body.contains("ideogram-key") == false)
            try await harness.expectSpent(0, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aCustomerMaySendTheirKeyInApiKeyAsIdeogramsClientsDo() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/ideogram/generate", key: nil, body: #"{"image_request":{"prompt":"a key"}}"#, headers: [("Api-Key", key)])
            #expect(answer.status == 200, "\(answer.body)")
            let wrong = try await harness.call(
                .POST, harness.baseURL + "/ideogram/generate", key: nil, body: #"{"image_request":{"prompt":"a key"}}"#,
                headers: [("Api-Key", "sk-not-a-key")])
            #expect(wrong.status == 401)
            #expect(wrong.json?["detail"] != nil)
            try await harness.expectSpent(80_000, key: key)
        }
    }
}
