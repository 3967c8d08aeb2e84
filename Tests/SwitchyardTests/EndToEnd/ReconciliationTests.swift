import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import Switchyard

/// A submission whose upstream outcome is unknown (the gateway died between the hold and the upstream's answer)
/// stays held and flagged, survives restarts, and ends exactly once by an operator's decision.
@Suite struct ReconciliationTests {
    /// What a crash between the hold and the upstream's answer leaves behind: a held task in `submitting`.
    func interruptedSubmission(_ harness: TestHarness, key: String) async throws -> TaskRecord {
        let token = try await harness.token(forKey: key)
        let now = Clock.wall.nowMillis()
        let orphan = TaskRecord(
            id: PublicID.uuid(), family: "luma", action: "video", model: "ray-2", tokenID: token.id, channelID: nil, upstreamID: nil,
            state: .submitting, upstreamStatus: nil, request: .object(["prompt": "lost"]), upstreamRequest: .object(["prompt": "lost"]),
            result: nil, view: nil, failureReason: nil, priceMicros: 710_000, callbackURL: nil, createdAt: now, updatedAt: now, finishedAt: nil,
            pollAttempts: 0)
        try await TaskStore(database: harness.database, clock: .wall).insertHeld(orphan, price: "luma/ray-2/video 0.71")
        return orphan
    }

    static func fastSweeps(_ config: inout GatewayConfig) {
        config.tasks.submitGraceMillis = 100
        config.tasks.sweepIntervalMillis = 50
    }

    @Test(arguments: PostgresTestServer.engines) func anUnknownOutcomeStaysHeldAcrossARestartAndIsRefundedOnceByTheOperator(engine: StoreDialect)
        async throws
    {
        try await TestHarness.run(configure: Self.fastSweeps, engine: engine) { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let orphan = try await interruptedSubmission(harness, key: key)
            try await waitUntil {
                let listed = try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin)
                return listed.json?["data"]?["items"]?[0]?["id"]?.stringValue == orphan.id
            }
            // Neither refunded nor charged while nobody knows, also after a restart and many sweeps.
            try await harness.restartGateway()
            try await expectSteady { try await harness.ledger(orphan.id).map(\.kind) == ["hold"] }
            #expect(try await harness.token(forKey: key).heldMicros == 710_000)
            let listed = try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin)
            #expect(listed.json?["data"]?["items"]?[0]?["held"] == "0.71")
            // The customer cannot delete their way to a refund while nobody knows.
            let deleted = try await harness.call(.DELETE, "/generations/\(orphan.id)", key: key)
            #expect(deleted.status == 409)
            #expect(deleted.json?["detail"]?.stringValue?.isEmpty == false)
            #expect(try await harness.ledger(orphan.id).map(\.kind) == ["hold"])

            // Two operators decide at once: one refund lands, the other is told the task no longer waits.
            let answers = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await harness.call(
                            .POST, harness.baseURL + "/api/reconcile/\(orphan.id)", key: admin, body: #"{"action":"refund"}"#
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }.sorted()
            }
            #expect(answers == [200, 400])
            #expect(try await harness.ledger(orphan.id).map(\.kind) == ["hold", "refund"])
            let token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 0)
            let seen = try await harness.waitForEnd(orphan.id, key: key)
            #expect(seen["state"] == "failed")
            #expect(try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin).json?["data"]?["items"]?.arrayValue?.isEmpty == true)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func anOperatorAttachesTheUpstreamsGenerationAndTheTaskSettlesAsUsual(engine: StoreDialect)
        async throws
    {
        try await TestHarness.run(configure: Self.fastSweeps, engine: engine) { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let orphan = try await interruptedSubmission(harness, key: key)
            try await waitUntil {
                try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin).json?["data"]?["items"]?[0] != nil
            }
            // The upstream did make it: the operator finds its id in the provider's console (here, the emulator).
            let made = try await harness.call(
                .POST, harness.emulators[0].lumaBaseURL + "/generations/video", key: "upstream-key-0", body: #"{"prompt":"lost","model":"ray-2"}"#)
            let upstreamID = try #require(made.json?["id"]?.stringValue)
            let wrongChannel = try await harness.call(
                .POST, harness.baseURL + "/api/reconcile/\(orphan.id)", key: admin,
                body: #"{"action":"attach","upstream_id":"\#(upstreamID)","channel_id":3}"#)
            #expect(wrongChannel.status == 422)
            let attached = try await harness.call(
                .POST, harness.baseURL + "/api/reconcile/\(orphan.id)", key: admin,
                body: #"{"action":"attach","upstream_id":"\#(upstreamID)","channel_id":1}"#)
            #expect(attached.json?["data"]?["state"] == "queued")
            let finished = try await harness.waitForEnd(orphan.id, key: key)
            #expect(finished["state"] == "completed")
            #expect(try await harness.ledger(orphan.id).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.token(forKey: key).usedMicros == 710_000)
            try await harness.expectLedgerBalanced()
        }
    }
}
