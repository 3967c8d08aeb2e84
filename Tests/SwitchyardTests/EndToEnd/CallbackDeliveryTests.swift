import AsyncHTTPClient
import Foundation
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing
@testable import Switchyard

/// The callback sender as a continuous pool: a slow receiver holds only its own delivery, a task's events arrive
/// in order even when one is retried, and a name that does not resolve yet is retried, not refused.
@Suite struct CallbackDeliveryTests {
    /// Runs `body` with a store and a callback sender running on it, and always stops both.
    func withSender(
        engine: StoreDialect,
        configure: (inout CallbackSettings) -> Void = { _ in }, resolver: @escaping CallbackTargetPolicy.Resolver = CallbackTargetPolicy.resolve,
        _ body: (Database) async throws -> Void
    ) async throws {
        let directory = try await TestStore.location(engine)
        let database = try await Database.open(location: directory, logger: TestHarness.logger)
        var settings = CallbackSettings()
        settings.allowPrivateTargets = true
        settings.tickMillis = 20
        settings.initialBackoffMillis = 50
        // Long enough that a receiver which never answers is still being waited for when the test checks.
        settings.timeoutMillis = 60_000
        configure(&settings)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let sender = CallbackSender(
            database: database, client: client, settings: settings, signingSecret: "test-secret", clock: .wall, metrics: GatewayMetrics(),
            logger: TestHarness.logger, resolver: resolver)
        let group = ServiceGroup(configuration: .init(services: [sender], logger: TestHarness.logger))
        let running = Task { try await group.run() }
        var failure: (any Error)?
        do { try await body(database) } catch { failure = error }
        await group.triggerGracefulShutdown()
        _ = try? await running.value
        try? await client.shutdown()
        await database.close()
        if engine == .sqlite { try? FileManager.default.removeItem(atPath: directory) }
        if let failure { throw failure }
    }

    func enqueue(_ database: Database, task: String, events: [(key: String, payload: String)], url: String) async throws {
        try await database.transaction { sql in
            for event in events {
                try await CallbackOutbox.enqueue(
                    in: sql, taskID: task, eventKey: event.key, url: url, payload: event.payload, now: Clock.wall.nowMillis())
            }
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aReceiverThatNeverAnswersDoesNotDelayAnotherTasksCallback(engine: StoreDialect) async throws {
        let silent = try await SilentListener.start()
        let receiver = try await CallbackReceiver.start()
        try await withSender(engine: engine) { database in
            try await enqueue(database, task: "slow-task", events: [("slow-task:completed", "slow")], url: silent.url)
            try await waitUntil { silent.connectionCount == 1 }
            // The slow delivery is in flight, waiting for an answer that never comes; another task's goes out now.
            try await enqueue(database, task: "fast-task", events: [("fast-task:completed", "fast")], url: receiver.url)
            try await waitUntil { receiver.deliveries.count == 1 }
            #expect(receiver.deliveries.map(\.body) == ["fast"])
            let slow = try await CallbackOutbox.rows(database: database, taskID: "slow-task")
            #expect(slow.map(\.state) == ["pending"] && slow.map(\.attempts) == [0], "\(slow)")
            await silent.stop()
        }
        await receiver.stop()
    }

    @Test(arguments: PostgresTestServer.engines) func aTasksLaterEventNeverOvertakesAnEarlierOneBeingRetried(engine: StoreDialect) async throws {
        let receiver = try await FlakyCallbackReceiver.start(failingOnce: ["running"])
        try await withSender(engine: engine) { database in
            try await enqueue(
                database, task: "task-1", events: [("task-1:running", "running"), ("task-1:completed", "completed")], url: receiver.url)
            try await waitUntil { receiver.hits.count == 3 }
            #expect(
                receiver.hits == [.init(body: "running", status: 500), .init(body: "running", status: 200), .init(body: "completed", status: 200)])
            // The receiver answers before the sender records the outcome.
            try await waitUntil { try await CallbackOutbox.rows(database: database, taskID: "task-1").allSatisfy { $0.state == "delivered" } }
            let rows = try await CallbackOutbox.rows(database: database, taskID: "task-1")
            #expect(rows.map(\.attempts) == [2, 1], "\(rows)")
        }
        await receiver.stop()
    }

    @Test(arguments: PostgresTestServer.engines) func aNameThatDoesNotResolveYetIsRetriedUntilItDoes(engine: StoreDialect) async throws {
        let receiver = try await CallbackReceiver.start()
        let lookups = LookupCount()
        // The first lookup fails as a resolver that cannot reach its server does; the next one answers.
        let resolver: CallbackTargetPolicy.Resolver = { host, port in
            guard lookups.next() > 1, host == "hooks.customer.test" else { throw ResolverUnavailable() }
            return [try SocketAddress(ipAddress: "127.0.0.1", port: port)]
        }
        try await withSender(engine: engine, resolver: resolver) { database in
            try await enqueue(
                database, task: "task-dns", events: [("task-dns:completed", "done")], url: "http://hooks.customer.test:\(receiver.port)/hook")
            try await waitUntil { receiver.deliveries.count == 1 }
            try await waitUntil { try await CallbackOutbox.rows(database: database, taskID: "task-dns").first?.state == "delivered" }
            let rows = try await CallbackOutbox.rows(database: database, taskID: "task-dns")
            #expect(rows.map(\.attempts) == [2], "\(rows)")
            #expect(lookups.value == 2)
        }
        await receiver.stop()
    }

    struct ResolverUnavailable: Error {}

    final class LookupCount: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func next() -> Int {
            count.withLock {
                $0 += 1; return $0
            }
        }
    }
}
