import Foundation
import NIOHTTP1
import SQLKit
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The task engine's guarantees, end to end: callbacks, restarts, stuck tasks, interrupted submissions.
@Suite struct LumaTaskEngineTests {
    static let observable = EmulatorConfiguration(stepSeconds: 0.4)

    @Test(arguments: PostgresTestServer.engines) func callbacksReceiveTheGenerationOnDreamingCompletedSigned(engine: StoreDialect) async throws {
        let receiver = try await CallbackReceiver.start()
        // Fast steps: the poller may never see `dreaming`, and the customer is still told of it before `completed`.
        try await TestHarness.run(configure: { $0.callbacks.signingSecret = "test-secret" }, engine: engine) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"call me","callback_url":"\#(receiver.url)"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.json?["request"]?["callback_url"]?.stringValue == receiver.url)
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            try await waitUntil { receiver.deliveries.count >= 2 }
            let deliveries = receiver.deliveries
            let states = deliveries.compactMap { JSONValue.parse($0.body.utf8)?["state"]?.stringValue }
            #expect(states == ["dreaming", "completed"])
            #expect(deliveries.allSatisfy { JSONValue.parse($0.body.utf8)?["id"]?.stringValue == id })
            // The signature is an HMAC of "<timestamp>.<body>" a receiver can check.
            let signature = try #require(deliveries.last?.signature)
            let parts = Dictionary(
                uniqueKeysWithValues: signature.split(separator: ",").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }.map {
                    ($0[0], $0[1])
                })
            let expected = CallbackSender.sign(try #require(deliveries.last?.body), timestamp: try #require(parts["t"]), secret: "test-secret")
            #expect(parts["v1"] == expected)
        }
        await receiver.stop()
    }

    @Test(arguments: PostgresTestServer.engines) func failedGenerationsAreCalledBackToo(engine: StoreDialect) async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run(engine: engine) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"doomed [fault:fail]","callback_url":"\#(receiver.url)"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "failed")
            try await waitUntil { receiver.deliveries.contains { $0.body.contains(#""state":"failed""#) } }
        }
        await receiver.stop()
    }

    @Test(arguments: PostgresTestServer.engines) func aPrivateCallbackTargetIsRefusedWhenNotAllowed(engine: StoreDialect) async throws {
        try await TestHarness.run(emulators: [Self.observable], configure: { $0.callbacks.allowPrivateTargets = false }, engine: engine) { harness in
            let key = try await harness.customerKey()
            // A literal private address is refused at once, before anything is held.
            let literal = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"x","callback_url":"http://169.254.169.254/latest"}"#)
            #expect(literal.status == 422)
            #expect(try await harness.token(forKey: key).heldMicros == 0)
            // A name that resolves to loopback passes the form check but is refused at delivery, never retried.
            let named = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"x","callback_url":"http://localhost:9/hook"}"#)
            let id = try #require(named.json?["id"]?.stringValue)
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            try await waitUntil { try await CallbackOutbox.rows(database: harness.database, taskID: id).count == 2 }
            try await waitUntil { try await CallbackOutbox.rows(database: harness.database, taskID: id).allSatisfy { $0.state == "refused" } }
            let rows = try await CallbackOutbox.rows(database: harness.database, taskID: id)
            #expect(rows.allSatisfy { $0.attempts == 1 && $0.lastError?.contains("loopback") == true })
        }
    }

    @Test(arguments: PostgresTestServer.engines) func anUnreachableCallbackIsRetriedWithBackoffThenGivenUp(engine: StoreDialect) async throws {
        try await TestHarness.run(
            emulators: [Self.observable],
            configure: {
                $0.callbacks.maxAttempts = 3
                // Requests queued behind a refused connection wait out their deadline; keep it short.
                $0.callbacks.timeoutMillis = 500
            }, engine: engine
        ) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"x","callback_url":"http://127.0.0.1:9/nobody"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            try await waitUntil(seconds: 15) {
                let rows = try await CallbackOutbox.rows(database: harness.database, taskID: id)
                return rows.count == 2 && rows.allSatisfy { $0.state == "failed" }
            }
            let rows = try await CallbackOutbox.rows(database: harness.database, taskID: id)
            #expect(rows.allSatisfy { $0.attempts == 3 }, "\(rows)")
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aGenerationInFlightAcrossARestartCompletesAndIsChargedOnce(engine: StoreDialect) async throws {
        // Steps far longer than the test: the upstream finishes only when the test advances its clock.
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 60)], engine: engine) { harness in
            let key = try await harness.customerKey()
            let id = try #require(
                try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"restart"}"#).json?["id"]?.stringValue)
            await harness.stopGateway()
            // While the gateway is down the upstream finishes the work.
            harness.emulators[0].clock.advance(bySeconds: 180)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold"])
            try await harness.restartGateway()
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            // A second restart and more polling change nothing.
            try await harness.restartGateway()
            try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "settle"] }
            #expect(try await harness.token(forKey: key).usedMicros == 710_000)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aTaskStillLivePastItsMaximumAgeIsFailedAndRefunded(engine: StoreDialect) async throws {
        try await TestHarness.run(
            emulators: [EmulatorConfiguration(stepSeconds: 30)],
            configure: {
                $0.tasks.maxTaskAgeMillis = 300
                $0.tasks.sweepIntervalMillis = 50
            }, engine: engine
        ) { harness in
            let key = try await harness.customerKey()
            let id = try #require(
                try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"forever"}"#).json?["id"]?.stringValue)
            let finished = try await harness.waitForEnd(id, key: key, seconds: 5)
            #expect(finished["state"] == "failed")
            #expect(finished["failure_reason"]?.stringValue?.contains("did not finish in time") == true)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
        }
    }
}
