import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Every emulator fault mode, seen through the gateway: failover where nothing was accepted, clear errors and no
/// charge where nothing can succeed, and a held price where nobody knows.
@Suite struct LumaFaultTests {
    static let healthy = EmulatorConfiguration(stepSeconds: 0.05)

    @Test(arguments: [EmulatorFault.serverError, .rateLimited, .drop, .timeout])
    func aBrokenFirstChannelFailsOverToTheNext(fault: EmulatorFault) async throws {
        try await TestHarness.run(
            // The healthy channel answers within the harness's deadline (1 s), even on a loaded machine.
            emulators: [EmulatorConfiguration(stepSeconds: 0.05, forcedFault: fault), Self.healthy]
        ) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"failover"}"#)
            #expect(created.status == 201)
            #expect(harness.emulators[0].requestCount("POST /generations/video") == 1)
            #expect(harness.emulators[1].requestCount("POST /generations/video") == 1)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            try await harness.expectLedgerBalanced()
        }
    }

    /// A 429 says the upstream did nothing: the attempt is refunded at once.
    @Test(arguments: [("429", 429)])
    func aFaultOnTheOnlyChannelIsAClearErrorAndNothingIsCharged(fault: String, status: Int) async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"broken [fault:\#(fault)]"}"#)
            #expect(answer.status == status)
            #expect(answer.json?["detail"]?.stringValue?.isEmpty == false)
            #expect(!answer.body.contains("upstream-key"))
            if status == 429 { #expect(answer.headers.first(name: "retry-after") != nil) }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            // The attempt is recorded as a failed generation, refunded exactly once.
            let page = try #require(try await harness.call(.GET, "/generations", key: key).json)
            guard case .array(let generations)? = page["generations"], let id = generations.first?["id"]?.stringValue else {
                Issue.record("the failed attempt is not listed")
                return
            }
            #expect(generations.first?["state"] == "failed")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            try await harness.expectLedgerBalanced()
        }
    }

    /// A dropped connection, a timeout while waiting, a 5xx, or a success the gateway cannot read: the upstream may
    /// be making the generation. The customer gets a clear error and is charged nothing, but the price is neither
    /// refunded nor settled until an operator finds out (issue 5: never blindly refunded or charged twice).
    @Test(arguments: [("drop", 502), ("timeout", 504), ("malformed", 502), ("500", 502)])
    func anUnknownOutcomeStaysHeldForTheOperator(fault: String, status: Int) async throws {
        // Only the timeout case needs a short deadline; the others must not meet it on a loaded machine.
        try await TestHarness.run(configure: { if fault == "timeout" { $0.upstream.requestTimeoutMillis = 300 } }) { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let answer = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"broken [fault:\#(fault)]"}"#)
            #expect(answer.status == status)
            #expect(answer.json?["detail"]?.stringValue?.contains("stays held") == true)
            #expect(!answer.body.contains("upstream-key"))
            var token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 710_000)
            let pending = try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin)
            let id = try #require(pending.json?["data"]?["items"]?[0]?["id"]?.stringValue)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold"])
            // The customer can follow it like any other generation while it waits.
            #expect(try await harness.call(.GET, "/generations/\(id)", key: key).json?["state"] == "queued")
            // The operator learns the provider never made it, and refunds.
            let refunded = try await harness.call(.POST, harness.baseURL + "/api/reconcile/\(id)", key: admin, body: #"{"action":"refund"}"#)
            #expect(refunded.json?["data"]?["state"] == "failed")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            token = try await harness.token(forKey: key)
            #expect(token.heldMicros == 0 && token.usedMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aSlowUpstreamWithinTheDeadlineStillSucceeds() async throws {
        try await TestHarness.run(configure: { $0.upstream.requestTimeoutMillis = 5_000 }) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"patience [fault:slow]"}"#)
            #expect(created.status == 201)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func anUpstreamValidationRefusalIsPassedOnAndNotCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            // The gateway accepts any prompt; the emulator refuses an image without one as Luma does.
            let answer = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"x","keyframes":{"frame0":{"type":"image","url":"ftp://nope"}}}"#)
            #expect(answer.status == 400)
            #expect(answer.json?["detail"]?.stringValue?.isEmpty == false)
            #expect(try await harness.token(forKey: key).usedMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func noChannelForTheModelIs503() async throws {
        try await TestHarness.run(emulators: []) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"nobody home"}"#)
            #expect(answer.status == 503)
            #expect(try await harness.token(forKey: key).heldMicros == 0)
        }
    }

    @Test func aChannelAddedWhileRunningIsUsedAtOnce() async throws {
        try await TestHarness.run(emulators: []) { harness in
            let key = try await harness.customerKey()
            #expect(try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"a"}"#).status == 503)
            let emulator = try await EmulatorServer.start(Self.healthy, logger: TestHarness.logger)
            try await ChannelStore(database: harness.database).add(
                .init(name: "late", family: "luma", baseURL: emulator.lumaBaseURL, credential: .init(key: "k"), models: ["ray-2"]))
            #expect(try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"b"}"#).status == 201)
            await emulator.stop()
        }
    }
}
