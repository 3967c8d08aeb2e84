import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Udio's tenancy (others' tasks and songs are not found), bad input in the relay's error shape with nothing charged,
/// and refunds of failed tasks.
@Suite struct UdioMoneyAndTenancyTests {
    @Test func anotherCustomersTaskAndSongsAreNotFound() async throws {
        try await TestHarness.run { harness in
            let alice = try await harness.customerKey()
            let bob = try await harness.customerKey()
            let theirs = try await harness.udioSong(#"{"gen_params":{"prompt":"bob's song"}}"#, key: bob)
            let theirTask = try #require(theirs["task_id"]?.stringValue)
            let theirSong = try #require(udioSongs(theirs).first?["id"]?.stringValue)

            let fetch = try await harness.call(.GET, harness.baseURL + "/udio/fetch/\(theirTask)", key: alice)
            #expect(fetch.status == 404)
            #expect(fetch.json?["code"] == "not_found")
            #expect(fetch.json?["data"] == .null)
            #expect(try await harness.udioQuery([theirSong], key: alice).isEmpty)
            #expect(try await harness.udioQuery([theirSong], key: bob).count == 1)

            let extend = try await harness.call(
                .POST, harness.baseURL + "/udio/submit/music", key: alice,
                body: #"{"gen_params":{"config":{"mode":"precede","source":{"source_type":"song","song_id":"\#(theirSong)"}}}}"#)
            #expect(extend.status == 404)
            #expect(extend.json?["code"] == "not_found")
            #expect(extend.json?["data"] == .null)
            #expect(harness.emulators[0].requestCount("POST /udio/submit/music") == 1)
            let token = try await harness.token(forKey: alice)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    static let badBodies: [(String, String)] = [
        (#"{}"#, "gen_params"),
        (#"{"gen_params":"jazz"}"#, "gen_params"),
        (#"{"gen_params":{}}"#, "gen_params.prompt"),
        (#"{"gen_params":{"prompt":5}}"#, "gen_params.prompt"),
        (#"{"gen_params":{"prompt":"x","model_type":"udio64-v9"}}"#, "gen_params.model_type"),
        (#"{"gen_params":{"prompt":"x","lyrics_type":"spoken"}}"#, "gen_params.lyrics_type"),
        (#"{"gen_params":{"prompt":"x","lyrics_type":"user"}}"#, "gen_params.lyrics"),
        (#"{"gen_params":{"prompt":"x","seed":-2}}"#, "gen_params.seed"),
        (#"{"gen_params":{"prompt":"x","seed":1.5}}"#, "gen_params.seed"),
        (#"{"gen_params":{"prompt":"x","prompt_strength":1.5}}"#, "gen_params.prompt_strength"),
        (#"{"gen_params":{"prompt":"x","generation_quality":-0.1}}"#, "gen_params.generation_quality"),
        (#"{"gen_params":{"prompt":"x","song_section_start":0.8,"song_section_end":0.2}}"#, "gen_params.song_section_start"),
        (#"{"gen_params":{"prompt":"x","bypass_prompt_optimization":"yes"}}"#, "gen_params.bypass_prompt_optimization"),
        (#"{"gen_params":{"prompt":"x","config":{"mode":"remix"}}}"#, "gen_params.config.mode"),
        (#"{"gen_params":{"prompt":"x","config":{"mode":"continuation"}}}"#, "gen_params.config.source"),
        (#"{"gen_params":{"prompt":"x","config":{"source":{"source_type":"clip","song_id":"a"}}}}"#, "gen_params.config.source.source_type"),
        (#"{"gen_params":{"prompt":"x","config":{"source":{"source_type":"song"}}}}"#, "gen_params.config.source.song_id"),
        (#"{"gen_params":{"prompt":"x"},"notify_hook":"not a url"}"#, "notify_hook"),
    ]

    @Test func badInputIsA4xxInTheRelayShapeWithNothingCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for (body, field) in Self.badBodies {
                let answer = try await harness.call(.POST, harness.baseURL + "/udio/submit/music", key: key, body: body)
                #expect(answer.status == 422, "\(body): \(answer.body)")
                #expect(answer.json?["code"] == "validation_failed", "\(body)")
                #expect(answer.json?["data"] == .null, "\(body)")
                #expect(answer.json?["message"]?.stringValue?.contains(field) == true, "\(body): \(answer.body)")
            }
            let malformed = try await harness.call(.POST, harness.baseURL + "/udio/generate-proxy", key: key, body: "{not json")
            #expect(malformed.status == 400)
            let query = try await harness.call(.GET, harness.baseURL + "/udio/query", key: key)
            #expect(query.status == 422)
            #expect(query.json?["data"] == .null)
            #expect(harness.emulators[0].requestCount("POST /udio/submit/music") == 0)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: ["fail", "partial"])
    func aFailedTaskIsRefundedOnce(fault: String) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let taskID = try await harness.udioSubmit(#"{"gen_params":{"prompt":"doomed [fault:\#(fault)]"}}"#, key: key)
            let task = try await harness.waitForUdioTask(taskID, key: key)
            #expect(task["status"] == "FAILURE")
            #expect(task["fail_reason"]?.stringValue?.isEmpty == false)
            try await expectSteady { try await harness.ledger(taskID).map(\.kind) == ["hold", "refund"] }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            #expect(token.remainingMicros == 1_000_000)
            try await harness.expectLedgerBalanced()
        }
    }
}
