import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Every other Luma route through the gateway.
@Suite struct LumaRoutesTests {
    func completedVideo(_ harness: TestHarness, key: String) async throws -> String {
        let id = try #require(try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"source"}"#).json?["id"]?.stringValue)
        #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
        return id
    }

    @Test func imageGenerationCompletesWithAnImage() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(
                .POST, "/generations/image", key: key,
                body: #"{"prompt":"a red fox","model":"photon-flash-1","image_ref":[{"url":"https://x.test/a.jpg","weight":0.8}]}"#)
            #expect(created.status == 201)
            #expect(created.json?["generation_type"] == "image")
            let id = try #require(created.json?["id"]?.stringValue)
            let finished = try await harness.waitForEnd(id, key: key)
            #expect(finished["state"] == "completed")
            let imageURL = try #require(finished["assets"]?["image"]?.stringValue)
            let image = try await harness.call(.GET, imageURL, key: nil)
            #expect(image.status == 200)
            #expect(image.headers.first(name: "content-type") == "image/jpeg")
            #expect(try await harness.ledger(id).first?.amountMicros == 5_000)
        }
    }

    @Test func upscaleAndAudioRunOnTheCallersCompletedVideoOnItsChannel() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05), EmulatorConfiguration(stepSeconds: 0.05)]) { harness in
            let key = try await harness.customerKey()
            let source = try await completedVideo(harness, key: key)
            let upscale = try await harness.call(.POST, "/generations/\(source)/upscale", key: key, body: #"{"resolution":"4k"}"#)
            #expect(upscale.status == 201)
            #expect(upscale.json?["generation_type"] == "upscale_video")
            let audio = try await harness.call(.POST, "/generations/\(source)/audio", key: key, body: #"{"prompt":"rain","negative_prompt":"music"}"#)
            #expect(audio.status == 201)
            #expect(audio.json?["generation_type"] == "add_audio")
            for id in [upscale.json?["id"]?.stringValue, audio.json?["id"]?.stringValue].compactMap({ $0 }) {
                #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            }
            // The source was made on the higher-priority channel; its follow-ups went there too.
            #expect(harness.emulators[0].requestCount("POST /generations/{id}/upscale") == 1)
            #expect(harness.emulators[0].requestCount("POST /generations/{id}/audio") == 1)
            #expect(harness.emulators[1].requestCount("POST /generations/{id}/upscale") == 0)
        }
    }

    @Test func upscaleOfAnUnfinishedVideoIsRefusedAndNotCharged() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 5)]) { harness in
            let key = try await harness.customerKey()
            let id = try #require(try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"slow"}"#).json?["id"]?.stringValue)
            let refused = try await harness.call(.POST, "/generations/\(id)/upscale", key: key, body: "{}")
            #expect(refused.status == 400)
            #expect(refused.json?["detail"]?.stringValue?.contains("not completed") == true)
            #expect(try await harness.token(forKey: key).heldMicros == 710_000)
        }
    }

    @Test func keyframeGenerationReferencesAreTranslatedToTheUpstreamID() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try await completedVideo(harness, key: key)
            let extend = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"go on","keyframes":{"frame0":{"type":"generation","id":"\#(source)"}}}"#)
            #expect(extend.status == 201)
            // The customer sees their own id echoed, never the upstream's.
            #expect(extend.json?["request"]?["keyframes"]?["frame0"]?["id"]?.stringValue == source)
            let id = try #require(extend.json?["id"]?.stringValue)
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
        }
    }

    @Test func modifyAndReframeRoutesCreateGenerations() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let calls: [(String, String, String)] = [
                ("/generations/video/modify", #"{"media":{"url":"https://x.test/v.mp4"},"mode":"flex_1","prompt":"neon"}"#, "modify_video"),
                ("/generations/video/reframe", #"{"media":{"url":"https://x.test/v.mp4"},"aspect_ratio":"9:16"}"#, "reframe_video"),
                ("/generations/image/reframe", #"{"media":{"url":"https://x.test/i.jpg"},"aspect_ratio":"1:1","model":"photon-1"}"#, "reframe_image"),
            ]
            for (path, body, type) in calls {
                let created = try await harness.call(.POST, path, key: key, body: body)
                #expect(created.status == 201, "\(path)")
                #expect(created.json?["generation_type"]?.stringValue == type)
                let id = try #require(created.json?["id"]?.stringValue)
                #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            }
            #expect(try await harness.call(.POST, "/generations/video/modify", key: key, body: #"{"media":{"url":"u"},"mode":"wild"}"#).status == 422)
        }
    }

    @Test func listsCreditsAndPing() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "2.50")
            let concepts = try await harness.call(.GET, "/generations/concepts/list", key: key)
            #expect(concepts.status == 200)
            guard case .array(let keys)? = concepts.json, !keys.isEmpty else { Issue.record("concepts is not a list"); return }
            let motions = try await harness.call(.GET, "/generations/camera_motion/list", key: key)
            guard case .array(let phrases)? = motions.json, !phrases.isEmpty else { Issue.record("camera motions is not a list"); return }
            #expect(try await harness.call(.GET, "/credits", key: key).json?["credit_balance"] == .number(250))
            _ = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"spend"}"#)
            #expect(try await harness.call(.GET, "/credits", key: key).json?["credit_balance"] == .number(179))
            #expect(try await harness.call(.GET, "/ping", key: nil).json?["message"] == "pong")
        }
    }
}
