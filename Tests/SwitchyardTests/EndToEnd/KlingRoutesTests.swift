import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Every Kling route through the gateway against the emulated upstream: what a customer of Kling's API checks.
@Suite struct KlingRoutesTests {
    /// The bytes at a result URL, with their content type.
    func fetchMedia(_ harness: TestHarness, _ url: String) async throws -> (status: Int, type: String?, body: String) {
        let answer = try await harness.call(.GET, url, key: nil)
        return (answer.status, answer.headers.first(name: "Content-Type"), answer.body)
    }

    @Test func textToVideoGoesFromSubmittedToSucceedWithAPlayableMP4() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.klingCreate(
                "videos/text2video", #"{"prompt":"a fox in snow","model_name":"kling-v1-6","mode":"pro","duration":"10","aspect_ratio":"9:16"}"#,
                key: key)
            let id = try #require(created["task_id"]?.stringValue)
            #expect(created["task_status"] == "submitted")
            // Times are epoch milliseconds.
            let createdAt = try #require(created["created_at"]?.doubleValue)
            #expect(abs(createdAt - Date().timeIntervalSince1970 * 1000) < 60_000)
            let task = try await harness.waitForKlingTask("videos/text2video", id, key: key)
            #expect(task["task_status"] == "succeed", "\(task.encoded())")
            #expect(task["task_id"]?.stringValue == id)
            let video = try #require(task["task_result"]?["videos"]?[0])
            #expect(video["duration"] == "10")
            let videoID = try #require(video["id"]?.stringValue)
            // The video's id is the gateway's own, never the upstream's.
            #expect(UUID(uuidString: videoID) != nil)
            let media = try await fetchMedia(harness, try #require(video["url"]?.stringValue))
            #expect(media.status == 200)
            #expect(media.type == "video/mp4")
            #expect(media.body.utf8.dropFirst(4).starts(with: "ftyp".utf8))
        }
    }

    @Test func imageToVideoEffectsImagesAndTryOnEachFinishWithTheirResults() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let image = "https://example.com/cat.png"
            let i2v = try await harness.klingTask(
                "videos/image2video", #"{"image":"\#(image)","image_tail":"\#(image)","prompt":"it wakes","mode":"std","duration":"5"}"#,
                key: key)
            #expect(i2v["task_status"] == "succeed", "\(i2v.encoded())")
            #expect(i2v["task_result"]?["videos"]?.arrayValue?.count == 1)

            let effects = try await harness.klingTask(
                "videos/effects",
                #"{"effect_scene":"hug","input":{"model_name":"kling-v1-6","mode":"std","images":["\#(image)","\#(image)"],"duration":"5"}}"#,
                key: key)
            #expect(effects["task_status"] == "succeed", "\(effects.encoded())")
            #expect(effects["task_result"]?["videos"]?[0]?["url"]?.stringValue?.hasSuffix(".mp4") == true)

            let images = try await harness.klingTask(
                "images/generations", #"{"model_name":"kling-v1-5","prompt":"three lamps","n":3,"aspect_ratio":"1:1"}"#, key: key)
            #expect(images["task_status"] == "succeed", "\(images.encoded())")
            let list = try #require(images["task_result"]?["images"]?.arrayValue)
            #expect(list.map { $0["index"]?.intValue } == [0, 1, 2])
            let png = try await fetchMedia(harness, try #require(list[0]["url"]?.stringValue))
            #expect(png.status == 200 && png.type == "image/png")

            let tryOn = try await harness.klingTask(
                "images/kolors-virtual-try-on", #"{"model_name":"kolors-virtual-try-on-v1-5","human_image":"\#(image)","cloth_image":"\#(image)"}"#,
                key: key)
            #expect(tryOn["task_status"] == "succeed", "\(tryOn.encoded())")
            let photo = try #require(tryOn["task_result"]?["images"]?[0]?["url"]?.stringValue)
            #expect(try await fetchMedia(harness, photo).type == "image/jpeg")
        }
    }

    @Test func videoExtendAndLipSyncTakeTheCallersOwnVideoID() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try await harness.klingTask("videos/text2video", #"{"prompt":"a long road","model_name":"kling-v1-5"}"#, key: key)
            let videoID = try #require(source["task_result"]?["videos"]?[0]?["id"]?.stringValue)

            let extended = try await harness.klingTask("videos/video-extend", #"{"video_id":"\#(videoID)","prompt":"and further"}"#, key: key)
            #expect(extended["task_status"] == "succeed", "\(extended.encoded())")
            let longer = try #require(extended["task_result"]?["videos"]?[0])
            #expect(longer["duration"] == "9.5")
            #expect(longer["id"]?.stringValue != videoID)
            // The extension continues the source's model, and is priced as an extension.
            let extendID = try #require(extended["task_id"]?.stringValue)
            #expect(try await harness.heldMicros(extendID) == 280_000)

            let synced = try await harness.klingTask(
                "videos/lip-sync",
                #"{"input":{"video_id":"\#(videoID)","mode":"text2video","text":"hello there","voice_id":"genshin_vindi2","voice_language":"en"}}"#,
                key: key)
            #expect(synced["task_status"] == "succeed", "\(synced.encoded())")

            // A video id nobody made is a 404 in Kling's envelope, before anything is held.
            let unknown = try await harness.kling(.POST, "videos/video-extend", key: key, body: #"{"video_id":"no-such-video"}"#)
            #expect(unknown.status == 404)
            #expect(klingError(unknown)?.code == 1203, "\(unknown.body)")
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aTaskIsFoundByItsExternalTaskIDInPathAndQueryFormsByItsOwnerOnly() async throws {
        try await TestHarness.run { harness in
            let owner = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let created = try await harness.klingCreate(
                "videos/text2video", #"{"prompt":"a kite","external_task_id":"order-42"}"#, key: owner)
            let id = try #require(created["task_id"]?.stringValue)
            #expect(created["task_info"]?["external_task_id"] == "order-42")
            let byPath = try await harness.kling(.GET, "videos/text2video/order-42", key: owner)
            #expect(byPath.status == 200 && byPath.json?["data"]?["task_id"]?.stringValue == id, "\(byPath.body)")
            let byQuery = try await harness.kling(.GET, "videos/text2video?external_task_id=order-42", key: owner)
            #expect(byQuery.json?["data"]?["task_id"]?.stringValue == id, "\(byQuery.body)")
            // Another kind's path does not know it, nor does another customer.
            #expect(try await harness.kling(.GET, "videos/image2video/order-42", key: owner).status == 404)
            let foreign = try await harness.kling(.GET, "videos/text2video/order-42", key: stranger)
            #expect(foreign.status == 404)
            #expect(klingError(foreign)?.code == 1203, "\(foreign.body)")
            // An external id is the caller's own: reusing it is refused, another customer may use it too.
            let reused = try await harness.kling(.POST, "videos/text2video", key: owner, body: #"{"prompt":"again","external_task_id":"order-42"}"#)
            #expect(reused.status == 400)
            #expect(klingError(reused)?.code == 1201, "\(reused.body)")
            _ = try await harness.klingCreate("videos/text2video", #"{"prompt":"mine too","external_task_id":"order-42"}"#, key: stranger)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func theListPagesThroughTheCallersTasksOfThatKindOnly() async throws {
        try await TestHarness.run { harness in
            let owner = try await harness.customerKey()
            let other = try await harness.customerKey()
            var mine: [String] = []
            for index in 0..<3 {
                let created = try await harness.klingCreate("videos/text2video", #"{"prompt":"scene \#(index)"}"#, key: owner)
                mine.append(try #require(created["task_id"]?.stringValue))
            }
            _ = try await harness.klingCreate("videos/text2video", #"{"prompt":"someone else's"}"#, key: other)
            _ = try await harness.klingCreate("videos/image2video", #"{"image":"https://example.com/a.png"}"#, key: owner)

            let first = try await harness.kling(.GET, "videos/text2video?pageNum=1&pageSize=2", key: owner)
            #expect(first.status == 200, "\(first.body)")
            #expect(first.json?["data"]?.arrayValue?.compactMap { $0["task_id"]?.stringValue } == [mine[2], mine[1]])
            let second = try await harness.kling(.GET, "videos/text2video?pageNum=2&pageSize=2", key: owner)
            #expect(second.json?["data"]?.arrayValue?.compactMap { $0["task_id"]?.stringValue } == [mine[0]])
            let theirs = try await harness.kling(.GET, "videos/text2video", key: other)
            #expect(theirs.json?["data"]?.arrayValue?.count == 1)
            let images = try await harness.kling(.GET, "videos/image2video?pageNum=1&pageSize=30", key: owner)
            #expect(images.json?["data"]?.arrayValue?.count == 1)
            let bad = try await harness.kling(.GET, "videos/text2video?pageSize=0", key: owner)
            #expect(bad.status == 400)
            #expect(klingError(bad)?.code == 1201, "\(bad.body)")
        }
    }

    @Test func theCallbackURLReceivesTheTaskObjectAtEachStatusChange() async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.klingCreate(
                "images/generations", #"{"prompt":"a bell","callback_url":"\#(receiver.url)","external_task_id":"cb-1"}"#, key: key)
            let id = try #require(created["task_id"]?.stringValue)
            try await waitUntil {
                receiver.deliveries.contains { JSONValue.parse($0.body.utf8)?["task_status"] == "succeed" }
            }
            let payloads = receiver.deliveries.compactMap { JSONValue.parse($0.body.utf8) }
            #expect(payloads.allSatisfy { $0["task_id"]?.stringValue == id && $0["task_info"]?["external_task_id"] == "cb-1" })
            let statuses = payloads.compactMap { $0["task_status"]?.stringValue }
            #expect(statuses.contains("processing"), "\(statuses)")
            let done = try #require(payloads.first { $0["task_status"] == "succeed" })
            #expect(done["task_result"]?["images"]?.arrayValue?.count == 1)
        }
        await receiver.stop()
    }

    @Test func badInputIsA400InKlingsEnvelopeOnEveryCreateRoute() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let bad: [(String, String)] = [
                ("videos/text2video", #"{"prompt":"x","mode":"ultra"}"#),
                ("videos/text2video", #"{"prompt":"x","camera_control":{"type":"simple","config":{"pan":3,"zoom":2}}}"#),
                ("videos/image2video", #"{"prompt":"no image"}"#),
                ("videos/video-extend", #"{}"#),
                ("videos/lip-sync", #"{"input":{"mode":"text2video","text":"hi","voice_id":"v"}}"#),
                ("videos/effects", #"{"effect_scene":"moonwalk","input":{"image":"https://example.com/a.png"}}"#),
                ("images/generations", #"{"prompt":"x","n":10}"#),
                ("images/kolors-virtual-try-on", #"{"human_image":"https://example.com/a.png"}"#),
                ("videos/text2video", #"[1,2]"#),
            ]
            for (path, body) in bad {
                let answer = try await harness.kling(.POST, path, key: key, body: body)
                #expect(answer.status == 400, "\(path) \(body): \(answer.status) \(answer.body)")
                #expect(klingError(answer)?.code == 1201, "\(path) \(body): \(answer.body)")
            }
            let unauthenticated = try await harness.kling(.GET, "videos/text2video/x", key: "sk-nope")
            #expect(unauthenticated.status == 401)
            #expect(klingError(unauthenticated)?.code == 1000)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
        }
    }
}
