import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Suno's model rules, tenancy, lyrics and uploads, and money on failure and partial failure.
@Suite struct SunoRulesAndMoneyTests {
    @Test(arguments: ["stems", "timing", "mp4"])
    func chirpAukOnlyActionsOnAnotherModelAreRefusedAndNotCharged(action: String) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try SunoScenarioTests.firstClipID(
                try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"v4 song","mv":"chirp-v4"}"#))
            let usedBefore = try await harness.token(forKey: key).usedMicros
            let refused = try await harness.call(.GET, harness.baseURL + "/suno/act/\(action)/\(source)", key: key)
            #expect(refused.status == 400)
            #expect(refused.json?["code"] == "unsupported_model")
            #expect(refused.json?["data"] == .null)
            #expect(refused.json?["message"]?.stringValue?.contains("chirp-v4") == true)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == usedBefore)
            #expect(token.heldMicros == 0)
            #expect(harness.emulators[0].requestCount("GET /suno/act/\(action)/{id}") == 0)
        }
    }

    @Test func extendingWithAnotherModelVersionIsRefused() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try SunoScenarioTests.firstClipID(try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"v4","mv":"chirp-v4"}"#))
            let refused = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: key,
                body: #"{"task":"extend","continue_clip_id":"\#(source)","continue_at":5,"mv":"chirp-auk"}"#)
            #expect(refused.status == 400)
            #expect(refused.json?["code"] == "unsupported_model")
        }
    }

    @Test func batchQueriesReturnOnlyTheCallersTasksAndClips() async throws {
        try await TestHarness.run { harness in
            let alice = try await harness.customerKey()
            let bob = try await harness.customerKey()
            let mine = try await SunoScenarioTests.song(harness, key: alice, #"{"prompt":"alice","mv":"chirp-v4"}"#)
            let theirs = try await SunoScenarioTests.song(harness, key: bob, #"{"prompt":"bob","mv":"chirp-v4"}"#)
            let myTask = try #require(mine["task_id"]?.stringValue)
            let theirTask = try #require(theirs["task_id"]?.stringValue)
            let batch = try await harness.suno(.POST, "/suno/fetch", key: alice, body: #"{"ids":["\#(myTask)","\#(theirTask)","nonexistent"]}"#)
            guard case .array(let tasks) = batch else { Issue.record("batch is not a list"); return }
            #expect(tasks.compactMap { $0["task_id"]?.stringValue } == [myTask])
            let myClip = try SunoScenarioTests.firstClipID(mine)
            let theirClip = try SunoScenarioTests.firstClipID(theirs)
            let feed = try await harness.suno(.GET, "/suno/feed/\(myClip),\(theirClip)", key: alice)
            guard case .array(let clips) = feed else { Issue.record("feed is not a list"); return }
            #expect(clips.compactMap { $0["id"]?.stringValue } == [myClip])
            #expect(try await harness.call(.GET, harness.baseURL + "/suno/fetch/\(theirTask)", key: alice).status == 404)
            let extendTheirs = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: alice,
                body: #"{"task":"extend","continue_clip_id":"\#(theirClip)","continue_at":5,"mv":"chirp-v4"}"#)
            #expect(extendTheirs.status == 404)
            #expect(extendTheirs.json?["code"] == "not_found")
        }
    }

    @Test func lyricsAndUploadsWork() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let lyricsID = try #require(
                try await harness.suno(.POST, "/suno/submit/lyrics", key: key, body: #"{"prompt":"a song about rain"}"#).stringValue)
            let lyrics = try await harness.waitForSunoTask(lyricsID, key: key)
            #expect(lyrics["status"] == "SUCCESS")
            #expect(lyrics["action"] == "LYRICS")
            #expect(lyrics["data"]?["text"]?.stringValue?.isEmpty == false)
            #expect(lyrics["data"]?["title"]?.stringValue?.isEmpty == false)
            let upload = try await harness.suno(.POST, "/suno/uploads/audio-url", key: key, body: #"{"url":"https://example.com/song.mp3"}"#)
            let uploadID = try #require(upload["id"]?.stringValue)
            #expect(upload["metadata"]?["type"] == "upload")
            let extended = try await SunoScenarioTests.song(
                harness, key: key, #"{"task":"upload_extend","continue_clip_id":"\#(uploadID)","continue_at":10,"mv":"chirp-v4"}"#)
            #expect(SunoScenarioTests.clips(extended).count == 2)
        }
    }

    @Test func aFailedTaskIsRefundedOnce() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let taskID = try #require(
                try await harness.suno(.POST, "/suno/submit/music", key: key, body: #"{"prompt":"doomed [fault:fail]","mv":"chirp-v4"}"#).stringValue)
            let task = try await harness.waitForSunoTask(taskID, key: key)
            #expect(task["status"] == "FAILURE")
            #expect(task["fail_reason"]?.stringValue?.isEmpty == false)
            #expect(try await harness.ledger(taskID).map(\.kind) == ["hold", "refund"])
            #expect(try await harness.token(forKey: key).usedMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    /// Peers refunded once per failed clip; here a task's hold ends once, however its clips fail.
    @Test func aPartialFailureIsRefundedExactlyOnceEvenAcrossRestartsAndRepolls() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let taskID = try #require(
                try await harness.suno(.POST, "/suno/submit/music", key: key, body: #"{"prompt":"half [fault:partial]","mv":"chirp-v4"}"#).stringValue
            )
            let task = try await harness.waitForSunoTask(taskID, key: key)
            #expect(task["status"] == "FAILURE")
            let statuses = SunoScenarioTests.clips(task).compactMap { $0["status"]?.stringValue }
            #expect(statuses.sorted() == ["complete", "error"])
            try await harness.restartGateway()
            // Another observation of the same failure after the restart changes nothing.
            let engineTask = try #require(try await TaskStore(database: harness.database, clock: .wall).find(id: taskID))
            let failedAgain = TaskObservation(state: .failed, upstreamStatus: "FAILURE", result: nil, failureReason: "again")
            #expect(TaskLifecycle.decide(current: engineTask.state, observed: failedAgain) == .ignore)
            try await expectSteady { try await harness.ledger(taskID).map(\.kind) == ["hold", "refund"] }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            #expect(token.remainingMicros == 1_000_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func notifyHookReceivesTheTaskObject() async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let taskID = try #require(
                try await harness.suno(
                    .POST, "/suno/submit/music", key: key, body: #"{"prompt":"hook","mv":"chirp-v4","notify_hook":"\#(receiver.url)"}"#
                ).stringValue)
            _ = try await harness.waitForSunoTask(taskID, key: key)
            try await waitUntil { receiver.deliveries.contains { $0.body.contains(#""status":"SUCCESS""#) } }
            let last = try #require(receiver.deliveries.last.flatMap { JSONValue.parse($0.body.utf8) })
            #expect(last["task_id"]?.stringValue == taskID)
            #expect(last["notify_hook"]?.stringValue == receiver.url)
        }
        await receiver.stop()
    }

    @Test func malformedBodiesGetSunosErrorShape() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for (body, status) in [
                ("nope", 400), (#"{"mv":"chirp-v9","prompt":"x"}"#, 422), (#"{"mv":"chirp-v4"}"#, 422), (#"{"task":"extend","mv":"chirp-v4"}"#, 422),
            ] {
                let answer = try await harness.call(.POST, harness.baseURL + "/suno/submit/music", key: key, body: body)
                #expect(answer.status == status, "\(body)")
                #expect(answer.json?["code"]?.stringValue?.isEmpty == false)
                #expect(answer.json?["data"] == .null)
            }
            #expect(try await harness.call(.GET, harness.baseURL + "/suno/fetch/x", key: "sk-bad").json?["code"] == "unauthenticated")
            #expect(try await harness.token(forKey: key).heldMicros == 0)
        }
    }
}
