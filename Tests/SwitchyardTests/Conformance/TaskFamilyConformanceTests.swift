import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The guarantees every task family gives, checked for each family of `FamilyModules.all` that has tasks: a family
/// added to the list is tested by being there (and fails here until it declares its conformance profile).
@Suite struct TaskFamilyConformanceTests {
    static let families = TaskFamilyConformanceProfiles.taskFamilies

    /// The profile of `family`, or a test failure naming the family that has none.
    static func profile(_ family: String) throws -> TaskFamilyConformanceProfile {
        try #require(TaskFamilyConformanceProfiles.byFamily[family], "task family \(family) has no conformance profile")
    }

    @Test func everyTaskFamilyOfTheModuleListHasAProfile() {
        #expect(!Self.families.isEmpty)
        for family in Self.families {
            #expect(TaskFamilyConformanceProfiles.byFamily[family] != nil, "task family \(family) has no conformance profile")
        }
    }

    @Test(arguments: families)
    func submitPollSucceedAndSettle(family: String) async throws {
        let profile = try Self.profile(family)
        try await TestHarness.run { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let key = try await harness.customerKey()
            let id = try await driver.submitAccepted("a calm sea", key: key)
            let task = try await driver.waitForEnd(id, key: key)
            #expect(profile.outcome(task) == .succeeded, "\(task.encoded())")
            #expect(profile.taskID(task) == id)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros > 0)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: families)
    func anUpstreamFailureIsRefundedExactlyOnce(family: String) async throws {
        let profile = try Self.profile(family)
        try await TestHarness.run { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let key = try await harness.customerKey()
            let id = try await driver.submitAccepted("doomed [fault:fail]", key: key)
            let task = try await driver.waitForEnd(id, key: key)
            #expect(profile.outcome(task) == .failed, "\(task.encoded())")
            // Further polls and the engine's loops change nothing.
            try await expectSteady { try await harness.ledger(id).map(\.kind) == ["hold", "refund"] }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: families)
    func aGatewayRestartMidTaskStillCompletesAndChargesOnce(family: String) async throws {
        let profile = try Self.profile(family)
        // Slow steps, so that the task is still running when the gateway stops.
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.3)]) { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let key = try await harness.customerKey()
            let id = try await driver.submitAccepted("survive a restart", key: key)
            #expect(try await driver.fetch(id, key: key).task.flatMap(profile.outcome) == nil, "the task ended before the restart")
            await harness.stopGateway()
            // While the gateway is down the upstream finishes the task.
            harness.emulators[0].clock.advance(bySeconds: 5)
            try await harness.restartGateway()
            let task = try await driver.waitForEnd(id, key: key)
            #expect(profile.outcome(task) == .succeeded, "\(task.encoded())")
            try await expectSteady { try await driver.chargeKinds() == ["hold", "settle"] }
            let entries = try await harness.ledger(id)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == entries.first { $0.kind == "hold" }.map { abs($0.amountMicros) })
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: families)
    func anotherCustomersKeyGets404OnEveryIDKind(family: String) async throws {
        let profile = try Self.profile(family)
        try await TestHarness.run { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let owner = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let id = try await driver.submitAccepted("mine alone", key: owner)
            let task = try await driver.waitForEnd(id, key: owner)
            #expect(profile.outcome(task) == .succeeded)
            let probes = profile.idProbes(task)
            #expect(!probes.isEmpty)
            for probe in probes {
                let answer = try await harness.call(
                    probe.method, harness.baseURL + probe.path, key: stranger, body: probe.body, headers: profile.headers)
                #expect(answer.status == 404, "\(family) \(probe.kind): \(answer.status) \(answer.body)")
                #expect(profile.errorMessage(answer.json)?.isEmpty == false, "\(family) \(probe.kind): \(answer.body)")
            }
            // The owner still has the task, and the stranger was charged nothing.
            #expect(try await driver.fetch(id, key: owner).task.flatMap(profile.outcome) == .succeeded)
            let strangerToken = try await harness.token(forKey: stranger)
            #expect(strangerToken.usedMicros == 0 && strangerToken.heldMicros == 0)
            #expect(try await driver.chargeKinds() == ["hold", "settle"])
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: families)
    func theCallbackIsDeliveredAndSigned(family: String) async throws {
        let profile = try Self.profile(family)
        guard profile.takesCallbacks else { return }
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run(configure: { $0.callbacks.signingSecret = "conformance-secret" }) { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let key = try await harness.customerKey()
            let id = try await driver.submitAccepted("call me back", key: key, callbackURL: receiver.url)
            #expect(profile.outcome(try await driver.waitForEnd(id, key: key)) == .succeeded)
            try await waitUntil {
                receiver.deliveries.contains { JSONValue.parse($0.body.utf8).flatMap(profile.outcome) == .succeeded }
            }
            for delivery in receiver.deliveries {
                let payload = try #require(JSONValue.parse(delivery.body.utf8))
                #expect(profile.taskID(payload) == id)
                // X-Switchyard-Signature: t=<timestamp>,v1=<HMAC-SHA256 of "<timestamp>.<body>">.
                let signature = try #require(delivery.signature)
                let parts = Dictionary(
                    signature.split(separator: ",").compactMap { part -> (String, String)? in
                        let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                        return pair.count == 2 ? (pair[0], pair[1]) : nil
                    }, uniquingKeysWith: { first, _ in first })
                let timestamp = try #require(parts["t"])
                #expect(parts["v1"] == CallbackSender.sign(delivery.body, timestamp: timestamp, secret: "conformance-secret"))
            }
            try await harness.expectLedgerBalanced()
        }
        await receiver.stop()
    }

    /// A 429 on create says the upstream did nothing: a clear error in the family's shape, refunded at once.
    @Test(arguments: families)
    func aRateLimitedCreateIsRefunded(family: String) async throws {
        let profile = try Self.profile(family)
        try await TestHarness.run { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let key = try await harness.customerKey()
            let answer = try await driver.submit("busy [fault:429]", key: key)
            #expect(answer.status == 429, "\(answer.body)")
            #expect(profile.errorMessage(answer.json)?.isEmpty == false, "\(answer.body)")
            #expect(!answer.body.contains("-key-"))
            try await expectSteady { try await driver.chargeKinds() == ["hold", "refund"] }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    /// A 5xx, a dropped connection, a timeout or an unreadable success on create: the upstream may be making the
    /// task, so the price stays held for the operator's reconciliation, who can then refund it.
    struct CreateFault: Sendable, CustomStringConvertible {
        let name: String
        let status: Int
        var description: String { "[fault:\(name)] → \(status)" }
    }

    @Test(
        arguments: families,
        [
            CreateFault(name: "500", status: 502), .init(name: "drop", status: 502), .init(name: "timeout", status: 504),
            .init(name: "malformed", status: 502),
        ])
    func anUnknownCreateOutcomeIsHeldForReconciliation(family: String, fault: CreateFault) async throws {
        let profile = try Self.profile(family)
        try await TestHarness.run(configure: { if fault.name == "timeout" { $0.upstream.requestTimeoutMillis = 300 } }) { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let answer = try await driver.submit("unknown [fault:\(fault.name)]", key: key)
            #expect(answer.status == fault.status, "\(answer.body)")
            #expect(profile.errorMessage(answer.json)?.contains("stays held") == true, "\(answer.body)")
            #expect(!answer.body.contains("-key-"))
            let held = try await harness.token(forKey: key)
            #expect(held.usedMicros == 0 && held.heldMicros > 0)
            let pending = try await harness.call(.GET, harness.baseURL + "/api/reconcile", key: admin)
            let id = try #require(pending.json?["data"]?["items"]?[0]?["id"]?.stringValue, "\(pending.body)")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold"])
            // The customer can read it back like any other task while it waits.
            #expect(try await driver.fetch(id, key: key).answer.status == 200)
            let refunded = try await harness.call(.POST, harness.baseURL + "/api/reconcile/\(id)", key: admin, body: #"{"action":"refund"}"#)
            #expect(refunded.status == 200, "\(refunded.body)")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "refund"])
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: families)
    func deleteRemovesTheTaskForItsOwnerOnly(family: String) async throws {
        let profile = try Self.profile(family)
        guard let deletePath = profile.deletePath else { return }
        try await TestHarness.run { harness in
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            let owner = try await harness.customerKey()
            let stranger = try await harness.customerKey()
            let id = try await driver.submitAccepted("short lived", key: owner)
            #expect(profile.outcome(try await driver.waitForEnd(id, key: owner)) == .succeeded)
            #expect(try await harness.call(.DELETE, harness.baseURL + deletePath(id), key: stranger, headers: profile.headers).status == 404)
            #expect(try await driver.fetch(id, key: owner).answer.status == 200)
            let deleted = try await harness.call(.DELETE, harness.baseURL + deletePath(id), key: owner, headers: profile.headers)
            #expect((200..<300).contains(deleted.status), "\(deleted.body)")
            let gone = try await driver.fetch(id, key: owner).answer
            #expect(gone.status == 404)
            #expect(profile.errorMessage(gone.json)?.isEmpty == false, "\(gone.body)")
            // Deleting does not undo the charge.
            #expect(try await driver.chargeKinds() == ["hold", "settle"])
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: families)
    func badInputIsA4xxInTheFamilysShapeAndChargesNothing(family: String) async throws {
        let profile = try Self.profile(family)
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for bad in profile.badBodies {
                let answer = try await harness.call(.POST, harness.baseURL + profile.submitPath, key: key, body: bad.body, headers: profile.headers)
                #expect(answer.status == bad.status, "\(family) \(bad.body): \(answer.body)")
                #expect(profile.errorMessage(answer.json)?.isEmpty == false, "\(family) \(bad.body): \(answer.body)")
            }
            let unauthenticated = try await harness.call(
                .GET, harness.baseURL + profile.fetchPath("x"), key: "sk-not-a-key", headers: profile.headers)
            #expect(unauthenticated.status == 401)
            #expect(profile.errorMessage(unauthenticated.json)?.isEmpty == false, "\(unauthenticated.body)")
            let driver = TaskFamilyConformanceDriver(harness: harness, profile: profile)
            #expect(try await driver.chargeKinds().isEmpty)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }
}
