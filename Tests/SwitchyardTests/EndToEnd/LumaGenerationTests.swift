import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The platform page's flow through a live gateway and emulator: create, poll, download, charge.
@Suite struct LumaGenerationTests {
    static let seed = """
        {"prompt": "A tiger walking in snow",
         "keyframes": {"frame0": {"type": "image", "url": "https://storage.cdn-luma.com/dream_machine/7e4fe07f-1dfd-4921-bc97-4bcf5adea39a/video_0_thumb.jpg"}}}
        """

    @Test func seedRequestAnswers201InThePagesShapeAndCompletesWithADownloadableVideo() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations", key: key, body: Self.seed)
            #expect(created.status == 201)
            #expect(created.headers.first(name: "x-request-id")?.hasPrefix("req_") == true)
            let generation = try #require(created.json)
            let id = try #require(generation["id"]?.stringValue)
            #expect(UUID(uuidString: id) != nil)
            #expect(generation["state"] == "queued")
            #expect(generation["failure_reason"] == .null)
            #expect(generation["assets"] == .null)
            #expect(generation["version"] == .null)
            #expect(generation["created_at"]?.stringValue?.hasSuffix("Z") == true)
            #expect(generation["request"]?["prompt"] == "A tiger walking in snow")
            #expect(generation["request"]?["aspect_ratio"] == "16:9")
            #expect(generation["request"]?["keyframes"]?["frame0"]?["type"] == "image")

            let finished = try await harness.waitForEnd(id, key: key)
            #expect(finished["state"] == "completed")
            #expect(finished["id"]?.stringValue == id)
            let videoURL = try #require(finished["assets"]?["video"]?.stringValue)
            // The gateway's own copy (its media store), not the upstream's link.
            #expect(videoURL.hasPrefix(harness.mediaPrefix))
            let video = try await harness.call(.GET, videoURL, key: nil)
            #expect(video.status == 200)
            #expect(video.headers.first(name: "content-type") == "video/mp4")
            #expect(video.body.utf8.count > 100)

            // Held before submit, settled once on completion, at the default ray-2 5 s 720p price.
            let entries = try await harness.ledger(id)
            #expect(entries.map(\.kind) == ["hold", "settle"])
            #expect(entries.map(\.amountMicros) == [710_000, 710_000])
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 710_000)
            #expect(token.heldMicros == 0)
        }
    }

    @Test func pricesFollowDurationAndResolution() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"p","model":"ray-flash-2","duration":"9s","resolution":"540p"}"#)
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await harness.ledger(id).first?.amountMicros == 216_000)  // 0.24 × 1.8 × 0.5
        }
    }

    @Test func aGenerationThatFailsUpstreamIsRefundedOnce() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"a storm [fault:fail]"}"#)
            #expect(created.status == 201)
            let id = try #require(created.json?["id"]?.stringValue)
            let finished = try await harness.waitForEnd(id, key: key)
            #expect(finished["state"] == "failed")
            #expect(finished["failure_reason"]?.stringValue?.isEmpty == false)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
        }
    }

    @Test func listShowsOnlyTheCallersGenerationsNewestFirstWithPaging() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let other = try await harness.customerKey()
            var ids: [String] = []
            for index in 0..<3 {
                let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"mine \#(index)"}"#)
                ids.append(try #require(created.json?["id"]?.stringValue))
            }
            _ = try await harness.call(.POST, "/generations/video", key: other, body: #"{"prompt":"theirs"}"#)
            let page = try #require(try await harness.call(.GET, "/generations?limit=2&offset=0", key: key).json)
            guard case .array(let generations)? = page["generations"] else { Issue.record("no generations array"); return }
            #expect(generations.compactMap { $0["id"]?.stringValue } == [ids[2], ids[1]])
            #expect(page["has_more"] == .bool(true))
            #expect(page["count"] == .number(2))
            let rest = try #require(try await harness.call(.GET, "/generations?limit=2&offset=2", key: key).json)
            #expect(rest["has_more"] == .bool(false))
            guard case .array(let last)? = rest["generations"] else { Issue.record("no generations array"); return }
            #expect(last.compactMap { $0["id"]?.stringValue } == [ids[0]])
            #expect(try await harness.call(.GET, "/generations?limit=0", key: key).status == 422)
        }
    }

    @Test func anotherCustomersGenerationIsNotFound() async throws {
        try await TestHarness.run { harness in
            let owner = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/video", key: owner, body: #"{"prompt":"private"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            let peek = try await harness.call(.GET, "/generations/\(id)", key: stranger)
            #expect(peek.status == 404)
            #expect(peek.json?["detail"]?.stringValue != nil)
            #expect(try await harness.call(.DELETE, "/generations/\(id)", key: stranger).status == 404)
            #expect(try await harness.call(.POST, "/generations/\(id)/upscale", key: stranger, body: "{}").status == 404)
            let keyframe = #"{"prompt":"x","keyframes":{"frame0":{"type":"generation","id":"\#(id)"}}}"#
            #expect(try await harness.call(.POST, "/generations/video", key: stranger, body: keyframe).status == 400)
            #expect(try await harness.call(.GET, "/generations/\(id)", key: owner).status == 200)
        }
    }

    @Test func deleteHidesTheGenerationAndRefundsOnlyWhenItWasStillLive() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 5)]) { harness in
            let key = try await harness.customerKey()
            let live = try #require(
                try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"slow"}"#).json?["id"]?.stringValue)
            let deleted = try await harness.call(.DELETE, "/generations/\(live)", key: key)
            #expect(deleted.status == 204)
            #expect(try await harness.call(.GET, "/generations/\(live)", key: key).status == 404)
            #expect(try await harness.ledger(live).map(\.kind) == ["hold", "refund"])
            #expect(harness.emulators[0].requestCount("DELETE /generations/{id}") == 1)
        }
    }

    @Test func aFinishedGenerationKeepsItsChargeWhenDeleted() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try #require(try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"done"}"#).json?["id"]?.stringValue)
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            #expect(try await harness.call(.DELETE, "/generations/\(id)", key: key).status == 204)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
        }
    }
}
