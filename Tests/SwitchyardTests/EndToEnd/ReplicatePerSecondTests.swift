import Foundation
import SwitchyardEmulator
import Testing

@testable import Switchyard

/// A Replicate model priced per second of `predict_time` (SDXL-Lightning, $0.000975 a second by default): held for
/// `replicate.max_predict_seconds`, charged what the upstream measured, never above the hold; a failure refunds
/// all. The emulator's `predict_time` is two steps of its manual clock, so it is known exactly.
@Suite struct ReplicatePerSecondTests {
    static let lightningVersion = "bytedance/sdxl-lightning-4step:5599ed30703defd1d160a25a63321b4dec97101d98b4674bcc56e41f62f35637"

    /// A create of a prediction of SDXL-Lightning (a community model, run by version) with `prompt`.
    static func create(_ prompt: String, on harness: TestHarness, key: String) async throws -> TestHarness.Answer {
        try await harness.replicate(.POST, "/predictions", key: key, body: #"{"version":"\#(lightningVersion)","input":{"prompt":"\#(prompt)"}}"#)
    }

    /// An emulator whose predictions report `predict_time` = 2 × `stepSeconds`, on a clock the test advances.
    static func manual(_ clock: EmulatorClock, stepSeconds: Double) -> [EmulatorConfiguration] {
        [EmulatorConfiguration(stepSeconds: stepSeconds, clock: clock)]
    }

    @Test func aPerSecondModelIsChargedItsPredictTimeAndTheRestOfItsHoldIsReleased() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: Self.manual(clock, stepSeconds: 1.5)) { harness in
            let key = try await harness.customerKey()
            let created = try await Self.create("a paper boat", on: harness, key: key)
            #expect(created.status == 201, "\(created.body)")
            let id = try #require(created.json?["id"]?.stringValue)
            // Held for the default 300 seconds at $0.000975.
            #expect(try await harness.ledger(id).map(\.amountMicros) == [292_500])
            #expect(try await harness.token(forKey: key).heldMicros == 292_500)

            clock.advance(bySeconds: 10)
            let done = try await harness.waitForPrediction(id, key: key)
            #expect(done["status"] == "succeeded", "\(done)")
            #expect(done["metrics"]?["predict_time"]?.doubleValue == 3.0)
            // 3 s × $0.000975 = $0.002925; the other $0.289575 of the hold is released.
            let entries = try await harness.ledger(id)
            #expect(entries.map(\.kind) == ["hold", "settle"])
            #expect(entries.map(\.amountMicros) == [292_500, 2_925])
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 2_925)
            // The customer's spend summary (in cents) shows the settled amount.
            let usage = try await harness.call(.GET, harness.baseURL + "/v1/dashboard/billing/usage", key: key)
            #expect(usage.json?["total_usage"]?.doubleValue == 0.2925, "\(usage.body)")
            // The customer's task log shows the hold as the price and the settled amount as the charge.
            let tasks = try await harness.call(.GET, harness.baseURL + "/api/task/self?family=replicate", key: key)
            let listed = try #require(tasks.json?["data"]?["items"]?.arrayValue?.first { $0["id"]?.stringValue == id }, "\(tasks.body)")
            #expect(listed["price"] == "0.2925" && listed["charged"] == "0.002925", "\(listed)")
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aFailedPerSecondPredictionIsRefundedInFull() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: Self.manual(clock, stepSeconds: 1.5)) { harness in
            let key = try await harness.customerKey()
            let created = try await Self.create("a boat [fault:fail]", on: harness, key: key)
            let id = try #require(created.json?["id"]?.stringValue, "\(created.body)")
            clock.advance(bySeconds: 10)
            let done = try await harness.waitForPrediction(id, key: key)
            #expect(done["status"] == "failed", "\(done)")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            let tasks = try await harness.call(.GET, harness.baseURL + "/api/task/self?family=replicate", key: key)
            #expect(tasks.json?["data"]?["items"]?[0]?["charged"] == "0.00", "\(tasks.body)")
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aPredictTimePastTheMaximumIsChargedTheHold() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(
            emulators: Self.manual(clock, stepSeconds: 1.5), configure: { $0.families["replicate.max_predict_seconds"] = "2" }
        ) { harness in
            let key = try await harness.customerKey()
            let created = try await Self.create("a long voyage", on: harness, key: key)
            let id = try #require(created.json?["id"]?.stringValue, "\(created.body)")
            clock.advance(bySeconds: 10)
            let done = try await harness.waitForPrediction(id, key: key)
            #expect(done["status"] == "succeeded", "\(done)")
            // 3 s measured, 2 s held: the hold is the most it costs.
            #expect(try await harness.ledger(id).map(\.amountMicros) == [1_950, 1_950])
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 1_950)
            try await harness.expectLedgerBalanced()
        }
    }
}
