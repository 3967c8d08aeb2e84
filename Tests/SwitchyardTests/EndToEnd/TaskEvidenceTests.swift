import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Tasks are ended on the upstream's strong evidence only: "not found" on every poll for a span, a 5xx on submit held
/// as "may have accepted", one consistent end when a delete races a poll, and a poller that a stalled upstream
/// cannot hold up for everyone else.
@Suite struct TaskEvidenceTests {
    /// Makes `upstream` the Luma channel for `models`, ahead of every other channel.
    func addChannel(_ harness: TestHarness, _ upstream: ScriptedLumaUpstream, models: [String]) async throws {
        try await ChannelStore(database: harness.database).add(
            .init(
                name: "scripted", family: "luma", baseURL: upstream.baseURL, credential: .init(key: "scripted-key"), models: models,
                priority: 1_000))
    }

    func create(_ harness: TestHarness, key: String, body: String) async throws -> String {
        let created = try await harness.call(.POST, "/generations/video", key: key, body: body)
        #expect(created.status == 201, "\(created.body)")
        return try #require(created.json?["id"]?.stringValue, "\(created.body)")
    }

    func storedTask(_ harness: TestHarness, _ id: String) async throws -> TaskRecord {
        try #require(try await TaskStore(database: harness.database, clock: .wall).find(id: id))
    }

    // MARK: - "Not found"

    @Test func aFewNotFoundAnswersDoNotRefundATaskTheUpstreamThenFinishes() async throws {
        let upstream = await ScriptedLumaUpstream.start { reads in reads < 3 ? .notFound : .state("completed") }
        do {
            // One copy attempt of the (unresolvable) result file: the count of reads is about "not found" alone.
            try await TestHarness.run(emulators: [], configure: { $0.media.copyAttempts = 1 }) { harness in
                try await addChannel(harness, upstream, models: ["ray-2"])
                let key = try await harness.customerKey()
                let id = try await create(harness, key: key, body: #"{"prompt":"a replica that lags"}"#)
                #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
                #expect(upstream.reads(of: "scripted-1") == 4)
                #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
                #expect(try await harness.token(forKey: key).usedMicros == 710_000)
            }
        } catch {
            await upstream.stop()
            throw error
        }
        await upstream.stop()
    }

    @Test func aTaskTheUpstreamKeepsNotFindingIsRefundedOnlyAfterTheGraceSpan() async throws {
        try await TestHarness.run(
            emulators: [EmulatorConfiguration(stepSeconds: 30)],
            configure: {
                $0.tasks.missingGraceMillis = 500
                $0.tasks.missingMinimumPolls = 3
            }
        ) { harness in
            let key = try await harness.customerKey()
            let id = try await create(harness, key: key, body: #"{"prompt":"soon forgotten"}"#)
            let upstreamID = try #require(try await storedTask(harness, id).upstreamID)
            // The upstream loses the generation (its own DELETE, as an operator in its console would).
            let lostAt = Clock.wall.nowMillis()
            let removed = try await harness.call(.DELETE, harness.emulators[0].lumaBaseURL + "/generations/\(upstreamID)", key: "upstream-key-0")
            #expect(removed.status == 204)
            let ended = try await harness.waitForEnd(id, key: key)
            #expect(ended["state"] == "failed")
            #expect(ended["failure_reason"] == "The upstream lost this task")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            let finishedAt = try #require(try await storedTask(harness, id).finishedAt)
            #expect(finishedAt - lostAt >= 500, "refunded \(finishedAt - lostAt) ms after the upstream lost it")
            #expect(try await harness.token(forKey: key).heldMicros == 0)
        }
    }

    // MARK: - Age

    @Test func aTaskThatSucceededWhileWaitingPastItsMaximumAgeIsSettledNotRefunded() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.2)]) { harness in
            let key = try await harness.customerKey()
            let id = try await create(harness, key: key, body: #"{"prompt":"finished while nobody looked"}"#)
            let upstreamID = try #require(try await storedTask(harness, id).upstreamID)
            // No poller runs while the upstream finishes: the task's poll comes long after its maximum age.
            await harness.stopGateway()
            try await waitUntil {
                let upstream = try await harness.call(
                    .GET, harness.emulators[0].lumaBaseURL + "/generations/\(upstreamID)", key: "upstream-key-0")
                return upstream.json?["state"] == "completed"
            }
            try await harness.restartGateway {
                $0.tasks.maxTaskAgeMillis = 1
                $0.tasks.sweepIntervalMillis = 10
            }
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.token(forKey: key).usedMicros == 710_000)
        }
    }

    // MARK: - 5xx on submit

    @Test func aFiveHundredThenARefusalOnTheNextChannelIsHeldNotRefunded() async throws {
        try await TestHarness.run(
            emulators: [EmulatorConfiguration(stepSeconds: 0.05, forcedFault: .serverError), EmulatorConfiguration(stepSeconds: 0.05)]
        ) { harness in
            let key = try await harness.customerKey()
            // The first channel failed with a 500 (it may have started the generation); the second refuses the request.
            let answer = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"x","keyframes":{"frame0":{"type":"image","url":"ftp://nope"}}}"#)
            #expect(answer.status == 400)
            #expect(answer.json?["detail"]?.stringValue?.contains("stays held") == true, "\(answer.body)")
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 710_000 && token.usedMicros == 0)
        }
    }

    @Test func aSunoSubmitAnsweredFiveHundredIsHeldForTheOperator() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: key, body: #"{"prompt":"boom [fault:500]","mv":"chirp-v4"}"#)
            #expect(answer.json?["code"] != "success", "\(answer.body)")
            #expect(!answer.body.contains("suno-key"))
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros > 0 && token.usedMicros == 0)
            let pending = try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin)
            let id = try #require(pending.json?["data"]?["items"]?[0]?["id"]?.stringValue, "\(pending.body)")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold"])
        }
    }

    // MARK: - A delete racing a poll

    /// The upstream holds a late cancel for seconds; the gateway waits for its answer rather than giving up at the
    /// tests' usual 1 s deadline (a cancel that times out is simply not waited for).
    static func waitForSlowCancels(_ config: inout GatewayConfig) {
        config.upstream.requestTimeoutMillis = 15_000
    }

    @Test func aDeleteWhoseCancelIsAnsweredAfterAPollMovedTheTaskOnStillRefundsItOnce() async throws {
        // The emulator's clock stands still: the generation stays queued until the cancel is waiting upstream (so
        // the delete starts from a queued snapshot), then moves to `dreaming` and stays there, however loaded the
        // machine. The upstream answers the cancel only after a poll has seen `dreaming` and the next poll proved it
        // recorded.
        let clock = EmulatorClock.manual()
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 1, clock: clock)], configure: Self.waitForSlowCancels) {
            harness in
            let key = try await harness.customerKey()
            let id = try await create(harness, key: key, body: #"{"prompt":"changed my mind [fault:late-cancel]"}"#)
            async let deleted = harness.call(.DELETE, "/generations/\(id)", key: key)
            try await waitUntil { harness.emulators[0].requestCount("DELETE /generations/{id} held") == 1 }
            #expect(try await storedTask(harness, id).upstreamStatus == "queued")
            clock.advance(bySeconds: 1.5)
            #expect(try await deleted.status == 204)
            // Decided by the time the delete answers: refunded once, not left running where the customer cannot see it.
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            let task = try await storedTask(harness, id)
            #expect(task.state == .failed)
            // The refund was written over the poll's news, not over the stale snapshot.
            #expect(task.upstreamStatus == "dreaming")
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 0)
            #expect(try await harness.call(.GET, "/generations/\(id)", key: key).status == 404)
        }
    }

    @Test func aDeleteRacingAPollThatSeesSuccessKeepsTheChargeAndSettlesOnce() async throws {
        // Dreaming for 2 s, long enough for the poller to show it even on a loaded machine.
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 1)], configure: Self.waitForSlowCancels) { harness in
            let key = try await harness.customerKey()
            let id = try await create(harness, key: key, body: #"{"prompt":"too late to cancel [fault:late-cancel]"}"#)
            try await waitUntil { try await harness.call(.GET, "/generations/\(id)", key: key).json?["state"] == "dreaming" }
            let upstreamID = try #require(try await storedTask(harness, id).upstreamID)
            // The delete starts from a running task; the upstream holds its cancel while it finishes the generation.
            async let deleted = harness.call(.DELETE, "/generations/\(id)", key: key)
            try await waitUntil { try await harness.ledger(id).map(\.kind) == ["hold", "settle"] }
            // The poller heard of the success first; a second look at the finished generation lets the cancel through.
            let finished = try await harness.call(.GET, harness.emulators[0].lumaBaseURL + "/generations/\(upstreamID)", key: "upstream-key-0")
            #expect(finished.json?["state"] == "completed")
            #expect(try await deleted.status == 204)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            #expect(try await storedTask(harness, id).state == .succeeded)
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 710_000)
            #expect(try await harness.call(.GET, "/generations/\(id)", key: key).status == 404)
        }
    }

    // MARK: - The poller pool

    @Test func aChannelWhosePollsHangHoldsOnlyItsOwnSlots() async throws {
        let stalled = await ScriptedLumaUpstream.start { _ in .hold }
        do {
            try await TestHarness.run(
                configure: {
                    // Long enough that, were polls batched, the healthy tasks would wait it out.
                    $0.upstream.requestTimeoutMillis = 20_000
                    $0.tasks.maxConcurrentPolls = 4
                    $0.tasks.maxPollsPerChannel = 2
                }
            ) { harness in
                try await addChannel(harness, stalled, models: ["ray-flash-2"])
                let key = try await harness.customerKey(quota: "100.00")
                for index in 0..<4 {
                    _ = try await create(harness, key: key, body: #"{"prompt":"stuck \#(index)","model":"ray-flash-2"}"#)
                }
                try await waitUntil { stalled.heldNow == 2 }
                var healthy: [String] = []
                for index in 0..<4 {
                    healthy.append(try await create(harness, key: key, body: #"{"prompt":"fine \#(index)","model":"ray-2"}"#))
                }
                for id in healthy {
                    #expect(try await harness.waitForEnd(id, key: key, seconds: 8)["state"] == "completed")
                    #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
                }
                // Still held: the healthy tasks did not wait for the stalled upstream's deadline.
                #expect(stalled.heldNow == 2)
                #expect(stalled.mostHeldAtOnce == 2)
            }
        } catch {
            await stalled.stop()
            throw error
        }
        await stalled.stop()
    }
}
