import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Pika end to end: a video made and played from the gateway's copy, pikaffects on an image, prices by model,
/// duration, resolution and effect, videos owned by their customer, and failures refunded once.
@Suite struct PikaVideoTests {
    /// Reads the feed until the video has an outcome and returns the feed object.
    private func waitForVideo(_ harness: TestHarness, _ id: String, key: String) async throws -> JSONValue {
        var feed = JSONValue.null
        try await waitUntil(seconds: 10) {
            feed = try await harness.call(.GET, harness.baseURL + "/pika/feed/\(id)", key: key).json ?? .null
            return ["finished", "error"].contains(feed["videos"]?[0]?["status"]?.stringValue ?? "")
        }
        return feed
    }

    private func generate(_ harness: TestHarness, _ body: String, key: String) async throws -> String {
        let answer = try await harness.call(.POST, harness.baseURL + "/pika/generate", key: key, body: body)
        #expect(answer.status == 200, "\(answer.body)")
        return try #require(answer.json?["id"]?.stringValue, "\(answer.body)")
    }

    @Test func aVideoIsMadeAndPlaysFromTheGatewaysCopy() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try await generate(
                harness, #"{"promptText":"a fox in the snow","model":"2.2","options":{"aspectRatio":1.7777,"parameters":{"seed":42}}}"#, key: key)
            let feed = try await waitForVideo(harness, id, key: key)
            #expect(feed["id"]?.stringValue == id)
            #expect(feed["promptText"] == "a fox in the snow")
            let video = try #require(feed["videos"]?[0])
            #expect(video["status"] == "finished" && video["progress"] == 100, "\(feed.encoded())")
            #expect(video["seed"] == 42)
            // Only the gateway's ids and links: no upstream page naming the upstream's id.
            #expect(video["id"]?.stringValue == id && video["sharingUrl"] == .null)
            let url = try #require(video["resultUrl"]?.stringValue)
            #expect(url.hasPrefix(harness.mediaPrefix), "\(url)")
            let mp4 = try await harness.download(url)
            #expect(mp4.status == 200 && mp4.bytes.count > 8 && Array(mp4.bytes[4..<8]) == Array("ftyp".utf8))
            #expect(try await harness.token(forKey: key).usedMicros == 200_000)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
        }
    }

    struct Priced: Sendable, CustomStringConvertible {
        let body: String
        let micros: Int64
        var description: String { body }
    }

    @Test(
        arguments: [
            Priced(body: #"{"promptText":"x","model":"1.5"}"#, micros: 100_000),
            Priced(body: #"{"promptText":"x","model":"2.2","options":{"duration":10}}"#, micros: 400_000),
            Priced(body: #"{"promptText":"x","model":"2.1","options":{"resolution":"1080p"}}"#, micros: 300_000),
            Priced(body: #"{"pikaffect":"Cake-ify","image":"https://example.com/cat.png","model":"1.5"}"#, micros: 250_000),
            Priced(body: #"{"pikaffect":"Inflate","image":"https://example.com/cat.png","promptText":"pop"}"#, micros: 250_000),
        ])
    func theChargeIsByModelDurationResolutionAndEffect(priced: Priced) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try await generate(harness, priced.body, key: key)
            #expect(try await waitForVideo(harness, id, key: key)["videos"]?[0]?["status"] == "finished")
            #expect(try await harness.token(forKey: key).usedMicros == priced.micros)
        }
    }

    @Test func aPikaffectIsShownBackAndNeedsAnImage() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try await generate(harness, #"{"pikaffect":"Melt","image":"https://example.com/cat.png"}"#, key: key)
            let feed = try await waitForVideo(harness, id, key: key)
            #expect(feed["pikaffect"] == "Melt", "\(feed.encoded())")
            let missing = try await harness.call(.POST, harness.baseURL + "/pika/generate", key: key, body: #"{"pikaffect":"Melt"}"#)
            #expect(missing.status == 422 && missing.json?["error"]?["message"]?.stringValue?.contains("image") == true, "\(missing.body)")
            let withRatio = try await harness.call(
                .POST, harness.baseURL + "/pika/generate", key: key,
                body: #"{"promptText":"x","image":"https://example.com/cat.png","options":{"aspectRatio":1.5}}"#)
            #expect(withRatio.status == 422, "\(withRatio.body)")
        }
    }

    @Test func aFailedVideoIsRefundedOnceAndAVideoIsItsCustomersOnly() async throws {
        try await TestHarness.run { harness in
            let owner = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let failed = try await generate(harness, #"{"promptText":"doomed [fault:fail]"}"#, key: owner)
            let feed = try await waitForVideo(harness, failed, key: owner)
            #expect(feed["videos"]?[0]?["status"] == "error")
            #expect(feed["videos"]?[0]?["error"]?.stringValue?.isEmpty == false)
            try await expectSteady { try await harness.ledger(failed).map(\.kind) == ["hold", "refund"] }
            let theirs = try await harness.call(.GET, harness.baseURL + "/pika/feed/\(failed)", key: stranger)
            #expect(theirs.status == 404 && theirs.json?["error"]?["message"] != nil, "\(theirs.body)")
            #expect(try await harness.token(forKey: owner).usedMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }
}
