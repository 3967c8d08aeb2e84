import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Older clients extend by sending `continue_clip_id` without `task`: that is an extend, not a new song.
@Suite struct SunoImplicitExtendTests {
    @Test func continueClipIDWithoutTaskIsPricedAndRoutedAsAnExtend() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05), EmulatorConfiguration(stepSeconds: 0.05)]) { harness in
            let key = try await harness.customerKey()
            // An extend priced apart from a new song, so the charge tells which one the gateway made.
            let prices = try await PriceBook(base: PriceTable(rules: []), database: harness.database)
            try await prices.set(PriceRule(family: "suno", model: "*", action: "extend", usd: "0.30"))
            let channels = ChannelStore(database: harness.database)
            let preferred = try #require(try await channels.list().first { $0.name == "suno-0" })
            // The song is made on the second channel; the first, preferred one is back before the extend.
            try await channels.setStatus(id: preferred.id, status: "disabled", reason: "test")
            let source = try SunoScenarioTests.firstClipID(
                try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"[Verse]\nMorning light","mv":"chirp-v4","title":"Dawn"}"#))
            try await channels.setStatus(id: preferred.id, status: "enabled")

            let extended = try await SunoScenarioTests.song(
                harness, key: key, #"{"continue_clip_id":"\#(source)","continue_at":20,"mv":"chirp-v4","prompt":"[Chorus]\nRise"}"#)
            let taskID = try #require(extended["task_id"]?.stringValue)
            let clips = SunoScenarioTests.clips(extended)
            #expect(clips.count == 2)
            // An extension continues the caller's clip from second 20 and keeps its title; a new song would have no history.
            for clip in clips {
                guard case .array(let history)? = clip["metadata"]?["history"] else {
                    Issue.record("no history: \(clip.encoded())")
                    continue
                }
                #expect(history.first?["id"]?.stringValue == source)
                #expect(history.first?["continue_at"]?.doubleValue == 20)
                #expect(clip["title"] == "Dawn")
            }
            #expect(harness.emulators[0].requestCount("POST /suno/submit/music") == 0)
            #expect(harness.emulators[1].requestCount("POST /suno/submit/music") == 2)

            let ledger = try await harness.ledger(taskID)
            #expect(ledger.map(\.kind) == ["hold", "settle"])
            #expect(ledger.first?.price?.contains("/extend ") == true)
            // The song 0.10 and the extend 0.30.
            #expect(try await harness.token(forKey: key).usedMicros == 400_000)

            // The extension joins its history into the complete song, as one made with `task: extend` does.
            let concatID = try #require(
                try await harness.suno(
                    .POST, "/suno/submit/concat", key: key, body: #"{"clip_id":"\#(try SunoScenarioTests.firstClipID(extended))"}"#
                ).stringValue)
            let whole = try await harness.waitForSunoTask(concatID, key: key)
            #expect(whole["status"] == "SUCCESS")
            #expect(SunoScenarioTests.clips(whole).first?["metadata"]?["concat_history"]?.encoded().contains(source) == true)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func anExtendWithoutTaskFollowsTheExtendRules() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try SunoScenarioTests.firstClipID(try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"v4","mv":"chirp-v4"}"#))
            let usedBefore = try await harness.token(forKey: key).usedMicros
            let otherModel = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: key, body: #"{"continue_clip_id":"\#(source)","continue_at":5,"mv":"chirp-auk"}"#)
            #expect(otherModel.status == 400)
            #expect(otherModel.json?["code"] == "unsupported_model")
            let noPoint = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: key, body: #"{"continue_clip_id":"\#(source)","mv":"chirp-v4"}"#)
            #expect(noPoint.status == 422)
            #expect(noPoint.json?["code"] == "validation_failed")
            let stranger = try await harness.customerKey()
            let stolen = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: stranger,
                body: #"{"continue_clip_id":"\#(source)","continue_at":5,"mv":"chirp-v4"}"#)
            #expect(stolen.status == 404)
            #expect(stolen.json?["code"] == "not_found")
            #expect(harness.emulators[0].requestCount("POST /suno/submit/music") == 1)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == usedBefore)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }
}
