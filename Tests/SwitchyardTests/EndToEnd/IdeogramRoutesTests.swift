import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Every Ideogram route through the gateway to the emulator: answered at once in Ideogram's shape, with images an
/// image library can open, and each charged per image by model (and rendering speed for 3.0).
@Suite struct IdeogramRoutesTests {
    @Test func generateAnswersTheImagesAtOnceAndChargesEachImage() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.ideogramGenerate(
                #"{"prompt":"a lighthouse at dusk","num_images":2,"aspect_ratio":"ASPECT_16_9","style_type":"REALISTIC","seed":42}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let created = try #require(answer.json?["created"]?.stringValue)
            let iso = ISO8601DateFormatter()
            iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            #expect(iso.date(from: created) != nil, "\(created)")
            let images = ideogramImages(answer)
            #expect(images.count == 2)
            for image in images {
                #expect(image["prompt"] == "a lighthouse at dusk")
                #expect(image["style_type"] == "REALISTIC")
                #expect(image["is_image_safe"] == .bool(true))
                #expect(image["resolution"] == "1360x768")
                let download = try await harness.download(try #require(image["url"]?.stringValue))
                #expect(download.status == 200)
                #expect(download.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
            }
            #expect(images.first?["seed"] == .int(42))
            // V_2, the default model: $0.08 an image.
            try await harness.expectSpent(160_000, key: key)
            #expect(harness.emulators[0].requestCount("POST /ideogram/generate") == 1)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: [("V_1_TURBO", 3, Int64(60_000)), ("V_2A_TURBO", 4, Int64(100_000)), ("V_2_TURBO", 8, Int64(400_000))])
    func thePriceIsTheModelsPerImagePriceTimesNumImages(model: String, count: Int, micros: Int64) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.ideogramGenerate(#"{"prompt":"a fox","model":"\#(model)","num_images":\#(count)}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            #expect(ideogramImages(answer).count == count)
            try await harness.expectSpent(micros, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func remixEditUpscaleAndDescribeTakeMultipartUploads() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let remix = try await harness.postForm(
                "/ideogram/remix", key: key,
                [
                    IdeogramUploads.image(),
                    .text("image_request", #"{"prompt":"as a watercolour","model":"V_2_TURBO","image_weight":70,"num_images":3}"#),
                ])
            #expect(remix.status == 200, "\(remix.body)")
            #expect(ideogramImages(remix).count == 3)
            #expect(ideogramImages(remix).first?["prompt"] == "as a watercolour")

            let edit = try await harness.postForm(
                "/ideogram/edit", key: key,
                [IdeogramUploads.image(), IdeogramUploads.mask(), .text("prompt", "a red door"), .text("model", "V_2")])
            #expect(edit.status == 200, "\(edit.body)")
            #expect(ideogramImages(edit).count == 1)

            let upscale = try await harness.postForm(
                "/ideogram/upscale", key: key, [IdeogramUploads.image(), .text("image_request", #"{"resemblance":80,"detail":40}"#)])
            #expect(upscale.status == 200, "\(upscale.body)")
            let upscaled = try #require(ideogramImages(upscale).first?["url"]?.stringValue)
            let download = try await harness.download(upscaled)
            #expect(download.status == 200)
            #expect(download.bytes.starts(with: [0xFF, 0xD8, 0xFF]), "a JPEG")

            let describe = try await harness.postForm("/ideogram/describe", key: key, [IdeogramUploads.image()])
            #expect(describe.status == 200, "\(describe.body)")
            #expect(describe.json?["descriptions"]?[0]?["text"]?.stringValue?.isEmpty == false)

            // Remix 3 × $0.05 (V_2_TURBO), edit $0.08 (V_2), upscale $0.06, describe $0.01.
            try await harness.expectSpent(150_000 + 80_000 + 60_000 + 10_000, key: key)
            for route in ["remix", "edit", "upscale", "describe"] {
                #expect(harness.emulators[0].requestCount("POST /ideogram/\(route)") == 1, "\(route)")
            }
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func theVersion3RoutesArePricedByRenderingSpeed() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let base = "/ideogram/v1/ideogram-v3/"
            let generate = try await harness.postForm(
                base + "generate", key: key,
                [.text("prompt", "a poster"), .text("rendering_speed", "TURBO"), .text("num_images", "2"), .text("aspect_ratio", "9x16")])
            #expect(generate.status == 200, "\(generate.body)")
            #expect(ideogramImages(generate).count == 2)
            #expect(ideogramImages(generate).first?["resolution"] == "768x1360")
            let edit = try await harness.postForm(
                base + "edit", key: key,
                [IdeogramUploads.image("image"), IdeogramUploads.mask(), .text("prompt", "a hat"), .text("rendering_speed", "QUALITY")])
            #expect(edit.status == 200, "\(edit.body)")
            let remix = try await harness.postForm(
                base + "remix", key: key, [IdeogramUploads.image("image"), .text("prompt", "in snow"), .text("image_weight", "30")])
            #expect(remix.status == 200, "\(remix.body)")
            let reframe = try await harness.postForm(
                base + "reframe", key: key, [IdeogramUploads.image("image"), .text("resolution", "1536x640"), .text("rendering_speed", "TURBO")])
            #expect(reframe.status == 200, "\(reframe.body)")
            #expect(ideogramImages(reframe).first?["resolution"] == "1536x640")
            let background = try await harness.postForm(
                base + "replace-background", key: key, [IdeogramUploads.image("image"), .text("prompt", "a beach")])
            #expect(background.status == 200, "\(background.body)")
            // 2 × $0.03 (TURBO) + $0.09 (QUALITY) + $0.06 (DEFAULT) + $0.03 (TURBO) + $0.06 (DEFAULT).
            try await harness.expectSpent(60_000 + 90_000 + 60_000 + 30_000 + 60_000, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func eachCallIsADurableTaskHeldThenSettledAndARefusalIsRefunded() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let remix = try await harness.postForm(
                "/ideogram/remix", key: key, [IdeogramUploads.image(), .text("image_request", #"{"prompt":"in ink","num_images":2}"#)])
            #expect(remix.status == 200, "\(remix.body)")
            let refused = try await harness.ideogramGenerate(#"{"prompt":"banned [fault:moderation]"}"#, key: key)
            #expect(refused.status == 422)
            try await harness.restartGateway()
            let listed = try await harness.call(.GET, harness.baseURL + "/api/task/self?family=ideogram", key: key)
            #expect(listed.status == 200, "\(listed.body)")
            let tasks = listed.json?["data"]?["items"]?.arrayValue ?? []
            let done = try #require(tasks.first { $0["action"] == "remix" })
            #expect(done["state"] == "succeeded")
            #expect(done["model"] == "V_2")
            let doneID = try #require(done["id"]?.stringValue)
            #expect(try await harness.ledger(doneID).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.ledger(doneID).map(\.amountMicros).map(abs) == [160_000, 160_000])
            let failed = try #require(tasks.first { $0["action"] == "generate" })
            #expect(failed["state"] == "failed")
            #expect(failed["failure_reason"]?.stringValue?.contains("safety") == true)
            let failedID = try #require(failed["id"]?.stringValue)
            #expect(try await harness.ledger(failedID).map(\.kind) == ["hold", "refund"])
            try await harness.expectSpent(160_000, key: key)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func anImageIdeogramMarksUnsafeIsStillDeliveredAndCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.ideogramGenerate(#"{"prompt":"a storm [unsafe]","model":"V_2A"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let image = try #require(ideogramImages(answer).first)
            #expect(image["is_image_safe"] == .bool(false))
            #expect(try await harness.download(try #require(image["url"]?.stringValue)).status == 200)
            try await harness.expectSpent(40_000, key: key)
            try await harness.expectLedgerBalanced()
        }
    }
}
