import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SQLKit
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Two `switchyard serve` processes on one PostgreSQL database and one emulator, as an operator runs them behind a
/// load balancer: money spent through both never passes a balance, tasks outlive the instance that took them, and a
/// key revoked through one is refused by the other.
@Suite(.enabled(if: PostgresTestServer.binDirectory != nil && SwitchyardBinary.path() != nil, "needs PostgreSQL and the built executable"))
struct TwoInstanceTests {
    static let chat = #"{"model":"gpt-4o","max_tokens":100,"messages":[{"role":"user","content":"Hello there, how are you today?"}]}"#

    struct Instances: Sendable {
        let databaseURL: String
        let database: Database
        let emulator: EmulatorServer
        let a: GatewayProcess
        let b: GatewayProcess
        let client: HTTPClient

        func call(_ method: HTTPMethod, _ url: String, key: String?, body: String? = nil) async throws -> TestHarness.Answer {
            let response = try await client.execute(.test(method, url, key: key, body: body), timeout: .seconds(30))
            let bytes = try await response.body.collect(upTo: 16 << 20)
            return .init(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
        }

        func ledgerVerify() async throws -> SwitchyardBinary.Outcome {
            try await SwitchyardBinary.run(["ledger", "verify", "--database", databaseURL])
        }
    }

    /// A fresh database with the emulator's channels, two instances on it, always stopped afterwards.
    func withTwoInstances(
        emulator configuration: EmulatorConfiguration = EmulatorConfiguration(stepSeconds: 0.05), _ body: (Instances) async throws -> Void
    ) async throws {
        let url = try await TestStore.location(.postgres)
        let emulator = try await EmulatorServer.start(configuration, logger: TestHarness.logger)
        let database = try await Database.open(location: url, logger: TestHarness.logger)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        // Both instances keep result files in one shared directory, as they would on a shared volume.
        let media = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-shared-media-\(UUID().uuidString)").path
        var failure: (any Error)?
        var started: [GatewayProcess] = []
        do {
            let channels = ChannelStore(database: database)
            for channel in HarnessChannels.all(for: [emulator]) { try await channels.add(channel) }
            let environment = ["SWITCHYARD_MEDIA_DIRECTORY": media]
            started.append(try await GatewayProcess.start(databaseURL: url, environment: environment))
            started.append(try await GatewayProcess.start(databaseURL: url, environment: environment))
            try await body(Instances(databaseURL: url, database: database, emulator: emulator, a: started[0], b: started[1], client: client))
        } catch {
            failure = error
        }
        for instance in started { instance.stop() }
        try? await client.shutdown()
        await database.close()
        await emulator.stop()
        try? FileManager.default.removeItem(atPath: media)
        if let failure { throw failure }
    }

    @Test func fortyParallelCallsOverBothInstancesNeverOverspendOneSmallQuota() async throws {
        try await withTwoInstances { instances in
            // A gpt-4o call costs about $0.00027 and reserves $0.001 while it runs: forty want more than $0.005.
            let quota: Int64 = 5_000
            let created = try await TokenStore(database: instances.database).create(name: "small", quotaMicros: quota)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<40 {
                    let base = index % 2 == 0 ? instances.a.baseURL : instances.b.baseURL
                    group.addTask {
                        try await instances.call(.POST, base + "/v1/chat/completions", key: created.key, body: Self.chat).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 429 }, "\(statuses)")
            let answered = statuses.count(where: { $0 == 200 })
            #expect(answered >= 1 && answered < 40, "\(statuses)")
            // Every answered call is charged once, by the instance that answered it.
            try await waitUntil(seconds: 30) {
                try await instances.database.read.raw("SELECT COUNT(*) AS n FROM usage_logs").first()?.decode(column: "n", as: Int.self) == answered
            }
            let token = try #require(try await TokenStore(database: instances.database).find(id: created.token.id))
            #expect(token.usedMicros <= quota && token.usedMicros > 0)
            #expect(token.heldMicros == 0)
            let verified = try await instances.ledgerVerify()
            #expect(verified.status == 0, "\(verified.output)")
            // An instance stopped gracefully gives its share of the balance back at once (at most B's is left).
            instances.a.stop()
            let leases = try await instances.database.read.raw("SELECT COUNT(*) AS n FROM spend_leases WHERE account = \(bind: created.token.id)")
                .first()?.decode(column: "n", as: Int.self)
            #expect(leases ?? 0 <= 1)
        }
    }

    @Test func tasksCreatedOnAnInstanceKilledMidPollAreFinishedSettledOnceAndCalledBackByTheOther() async throws {
        // Slow generations: the tasks are still running when their instance dies.
        let receiver = try await CallbackReceiver.start()
        try await withTwoInstances(emulator: EmulatorConfiguration(stepSeconds: 0.3)) { instances in
            let key = try await TokenStore(database: instances.database).create(name: "tasks", quotaMicros: 50_000_000).key
            var ids: [String] = []
            for index in 0..<4 {
                let created = try await instances.call(
                    .POST, instances.a.baseURL + "/dream-machine/v1/generations/video", key: key,
                    body: #"{"prompt":"outlive \#(index)","callback_url":"\#(receiver.url)"}"#)
                #expect(created.status == 201, "\(created.body)")
                ids.append(try #require(created.json?["id"]?.stringValue))
            }
            // Instance A polls its tasks (it leased at least one) and is killed in the middle of it.
            try await waitUntil(seconds: 30) {
                try await instances.database.read.raw("SELECT COUNT(*) AS n FROM tasks WHERE poll_attempts > 0 OR lease_until > 0").first()?
                    .decode(column: "n", as: Int.self) ?? 0 > 0
            }
            instances.a.kill9()
            // B answers for every task at once, and finishes each after A's leases run out.
            for id in ids {
                let read = try await instances.call(.GET, instances.b.baseURL + "/dream-machine/v1/generations/\(id)", key: key)
                #expect(read.status == 200, "\(read.body)")
            }
            try await waitUntil(seconds: 60) {
                var states: [String] = []
                for id in ids {
                    let read = try await instances.call(.GET, instances.b.baseURL + "/dream-machine/v1/generations/\(id)", key: key)
                    states.append(read.json?["state"]?.stringValue ?? "")
                }
                return states.allSatisfy { $0 == "completed" }
            }
            // Every task's completion is called back (by whichever instance delivered it).
            try await waitUntil(seconds: 45) {
                let completed = receiver.deliveries.compactMap { delivery -> String? in
                    guard let json = JSONValue.parse(delivery.body.utf8), json["state"]?.stringValue == "completed" else { return nil }
                    return json["id"]?.stringValue
                }
                return Set(completed) == Set(ids)
            }
            // Each task held once and settled once.
            for id in ids {
                let kinds = try await instances.database.read.raw("SELECT kind FROM ledger_entries WHERE reference = \(bind: id) ORDER BY id").all()
                    .map { try $0.decode(column: "kind", as: String.self) }
                #expect(kinds == ["hold", "settle"], "\(id): \(kinds)")
            }
            let verified = try await instances.ledgerVerify()
            #expect(verified.status == 0, "\(verified.output)")
        }
        await receiver.stop()
    }

    @Test func aKeyRevokedThroughOneInstanceIsRefusedByTheOtherAtOnce() async throws {
        try await withTwoInstances { instances in
            let users = UserStore(database: instances.database)
            let tokens = TokenStore(database: instances.database)
            let admin = try await users.create(name: "ops", role: "admin")
            let adminKey = try await tokens.create(name: "ops", quotaMicros: nil, limits: .init(userID: admin.id)).key
            let customer = try await tokens.create(name: "customer", quotaMicros: 5_000_000)
            let before = try await instances.call(.POST, instances.b.baseURL + "/v1/chat/completions", key: customer.key, body: Self.chat)
            #expect(before.status == 200, "\(before.body)")
            let revoked = try await instances.call(.POST, instances.a.baseURL + "/api/token/\(customer.token.id)/revoke", key: adminKey)
            #expect(revoked.status == 200, "\(revoked.body)")
            let after = try await instances.call(.POST, instances.b.baseURL + "/v1/chat/completions", key: customer.key, body: Self.chat)
            #expect(after.status == 401, "\(after.body)")
        }
    }
}
