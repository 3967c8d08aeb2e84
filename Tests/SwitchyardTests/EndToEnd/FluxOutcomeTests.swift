import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Flux end to end: every status a task ends in (both moderation outcomes and Error refunded exactly once), another
/// customer's id answered as BFL answers an unknown one, webhooks, the upstream's key, and sample URLs that expire.
@Suite struct FluxOutcomeTests {
    struct Outcome: Sendable, CustomStringConvertible {
        let marker: String
        let status: String
        var description: String { status }
    }

    @Test(
        arguments: [
            Outcome(marker: "[moderation:request]", status: "Request Moderated"),
            Outcome(marker: "[moderation:content]", status: "Content Moderated"), Outcome(marker: "[fault:fail]", status: "Error"),
        ])
    func aTaskWithoutAnImageEndsInItsStatusAndIsRefundedExactlyOnce(outcome: Outcome) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let id = try await harness.fluxTask("flux-pro-1.1", #"{"prompt":"a harbour \#(outcome.marker)"}"#, key: key)
            let result = try await harness.waitForFluxResult(id, key: key)
            #expect(result["status"]?.stringValue == outcome.status, "\(result.encoded())")
            #expect(result["result"] == .null)
            #expect(result["details"] != nil && result["details"] != .null, "\(result.encoded())")
            try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "refund"] }
            // Reading it again changes nothing.
            #expect(try await harness.fluxResult(id, key: key).json?["status"]?.stringValue == outcome.status)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aPendingTaskSaysPendingUntilItIsReady() async throws {
        // The emulator's clock stands still: the task stays Pending until the test moves it on.
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 1, clock: clock)]) { harness in
            let key = try await harness.customerKey()
            let id = try await harness.fluxTask("flux-dev", #"{"prompt":"slow"}"#, key: key)
            let pending = try await harness.fluxResult(id, key: key)
            #expect(pending.status == 200)
            #expect(pending.json?["status"] == "Pending", "\(pending.body)")
            #expect(pending.json?["result"] == .null)
            clock.advance(bySeconds: 5)
            #expect(try await harness.waitForFluxResult(id, key: key)["status"] == "Ready")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
        }
    }

    @Test func anotherCustomersIdAndAnUnknownIdAreTaskNotFound() async throws {
        try await TestHarness.run { harness in
            let owner = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let id = try await harness.fluxTask("flux-pro-1.1", #"{"prompt":"mine"}"#, key: owner)
            #expect(try await harness.waitForFluxResult(id, key: owner)["status"] == "Ready")
            for asked in [id, "00000000-0000-0000-0000-000000000000"] {
                let answer = try await harness.fluxResult(asked, key: stranger)
                #expect(answer.status == 404, "\(answer.body)")
                #expect(answer.json?["status"] == "Task not found", "\(answer.body)")
                #expect(answer.json?["id"]?.stringValue == asked)
                #expect(answer.json?["result"] == .null)
            }
            #expect(try await harness.fluxResult(id, key: owner).json?["status"] == "Ready")
            let strangerToken = try await harness.token(forKey: stranger)
            #expect(strangerToken.usedMicros == 0 && strangerToken.heldMicros == 0)
        }
    }

    @Test func theWebhookGetsTheResultOnceForEachOutcome() async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let ready = try await harness.fluxTask(
                "flux-kontext-pro", #"{"prompt":"a boat","webhook_url":"\#(receiver.url)","webhook_secret":"s3cret-value"}"#, key: key)
            let moderated = try await harness.fluxTask(
                "flux-kontext-pro", #"{"prompt":"a boat [moderation:request]","webhook_url":"\#(receiver.url)"}"#, key: key)
            let payloads = { receiver.deliveries.compactMap { JSONValue.parse($0.body.utf8) } }
            try await waitUntil {
                payloads().contains { $0["id"]?.stringValue == ready } && payloads().contains { $0["id"]?.stringValue == moderated }
            }
            try await expectSteady { payloads().count == 2 }
            let readyPayload = try #require(payloads().first { $0["id"]?.stringValue == ready })
            #expect(readyPayload["status"] == "Ready")
            #expect(readyPayload["result"]?["sample"]?.stringValue?.hasPrefix("http") == true)
            #expect(payloads().first { $0["id"]?.stringValue == moderated }?["status"] == "Request Moderated")
            #expect(!receiver.deliveries.contains { $0.body.contains("s3cret-value") })
            try await harness.expectLedgerBalanced()
        }
        await receiver.stop()
    }

    @Test func theUpstreamIsCalledWithTheChannelKeyAsXKey() async throws {
        // The emulator accepts only the harness's Flux key, and only in `x-key`.
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["flux-key-0"])]) { harness in
            let key = try await harness.customerKey()
            let id = try await harness.fluxTask("flux-pro-1.1", #"{"prompt":"keyed"}"#, key: key)
            #expect(try await harness.waitForFluxResult(id, key: key)["status"] == "Ready")
            let upstream = harness.emulators[0].fluxBaseURL + "/v1/flux-pro-1.1"
            let noKey = try await harness.call(.POST, upstream, key: nil, body: #"{"prompt":"x"}"#)
            #expect(noKey.status == 403, "\(noKey.body)")
            let bearer = try await harness.call(.POST, upstream, key: "flux-key-0", body: #"{"prompt":"x"}"#)
            #expect(bearer.status == 403, "a Bearer key is not BFL's header: \(bearer.body)")
            let wrong = try await harness.call(.POST, upstream, key: nil, body: #"{"prompt":"x"}"#, headers: [("x-key", "not-a-key")])
            #expect(wrong.status == 401, "\(wrong.body)")
            #expect(wrong.json?["detail"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func theEmulatorsSampleURLIsSignedAndExpiresTenMinutesAfterTheTaskIsReady() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, clock: clock)]) { harness in
            let upstream = harness.emulators[0].fluxBaseURL
            let created = try await harness.call(
                .POST, upstream + "/v1/flux-pro-1.1", key: nil, body: #"{"prompt":"fleeting","output_format":"png"}"#, headers: [("x-key", "k")])
            let id = try #require(created.json?["id"]?.stringValue, "\(created.body)")
            #expect(created.json?["polling_url"]?.stringValue == upstream + "/v1/get_result?id=\(id)")
            clock.advance(bySeconds: 1)
            let result = try await harness.call(.GET, upstream + "/v1/get_result?id=\(id)", key: nil, headers: [("x-key", "k")])
            #expect(result.json?["status"] == "Ready", "\(result.body)")
            let sample = try #require(result.json?["result"]?["sample"]?.stringValue, "\(result.body)")
            let image = try await harness.download(sample)
            #expect(image.status == 200)
            #expect(Array(image.bytes.prefix(8)) == ImageMagic.png)
            // Another customer's key does not see the task.
            let other = try await harness.call(.GET, upstream + "/v1/get_result?id=\(id)", key: nil, headers: [("x-key", "other")])
            #expect(other.status == 404)
            #expect(other.json?["status"] == "Task not found")
            #expect(try await harness.download(sample.replacingOccurrences(of: "exp=", with: "exp=9")).status == 403)
            clock.advance(bySeconds: 601)
            #expect(try await harness.download(sample).status == 403)
        }
    }
}
