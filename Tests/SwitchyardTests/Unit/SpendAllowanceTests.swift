import Foundation
import SQLKit
import Synchronization
import Testing
@testable import Switchyard

/// Leased allowances on one PostgreSQL store, two gateway instances modelled in one process (each its own spend
/// buffer and allowance): together they never lease more than the balance, and a crashed instance's lease runs out
/// without being charged.
@Suite(.enabled(if: PostgresTestServer.binDirectory != nil, "needs PostgreSQL"))
struct SpendAllowanceTests {
    @Test func twoInstancesNeverLeaseMoreThanTheBalanceAndACrashedInstancesLeaseRunsOutUncharged() async throws {
        try await TestStore.with(.postgres) { database in
            let now = Atomic<Int64>(1_000_000)
            let clock = Clock { now.load(ordering: .relaxed) }
            let token = try await TokenStore(database: database, clock: clock).create(name: "shared", quotaMicros: 10_000).token
            let a = SpendAllowance(database: database, spend: SpendBuffer(), clock: clock, leaseMillis: 5_000)
            let b = SpendAllowance(database: database, spend: SpendBuffer(), clock: clock, leaseMillis: 5_000)

            // A leases room for several calls of its size (8 × 1,000); B gets only what is left.
            try await a.reserve(1_000, for: token)
            try await b.reserve(2_000, for: token)
            await #expect(throws: GatewayError.self) { try await b.reserve(1, for: token) }
            let leased = try await database.read.raw(
                "SELECT CAST(COALESCE(SUM(amount_micros), 0) AS BIGINT) AS n FROM spend_leases WHERE account = \(bind: token.id)"
            ).first()?.decode(column: "n", as: Int64.self)
            #expect(leased == 10_000)

            // A dies with its lease: once the lease has run out, B may spend that money too.
            now.add(5_001, ordering: .relaxed)
            try await b.reserve(7_000, for: token)
            await #expect(throws: GatewayError.self) { try await b.reserve(1_001, for: token) }

            // Leases are never charged: the key has spent and holds nothing, and its ledger is only its opening.
            let stored = try #require(try await TokenStore(database: database, clock: clock).find(id: token.id))
            #expect(stored.usedMicros == 0 && stored.heldMicros == 0)
            let kinds = try await database.read.raw("SELECT kind FROM ledger_entries WHERE token_id = \(bind: token.id)").all()
                .map { try $0.decode(column: "kind", as: String.self) }
            #expect(kinds == ["opening"])
        }
    }
}
