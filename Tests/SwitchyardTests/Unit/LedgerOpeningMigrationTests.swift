import Foundation
import SQLKit
import Testing
@testable import Switchyard

/// Schema v3 on a database that v2 filled: every account with a quota gets the opening entry that explains it, so
/// `ledger verify` is clean on an upgraded store.
@Suite struct LedgerOpeningMigrationTests {
    @Test(arguments: PostgresTestServer.engines) func aV2DatabaseGetsOpeningEntriesAndVerifiesClean(engine: StoreDialect) async throws {
        let location = try await TestStore.location(engine)
        defer { if engine == .sqlite { try? FileManager.default.removeItem(atPath: location) } }
        let v2 = try await Database.open(location: location, migratingThrough: 2, logger: TestHarness.logger)
        try await v2.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO users (id, name, role, quota_micros, used_micros, created_at)
                VALUES ('usr_ops', 'ops', 'admin', NULL, 0, 0), ('usr_alice', 'alice', 'customer', 4000000, 1000, 0)
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO tokens (id, name, key_hash, key_hint, quota_micros, used_micros, user_id, created_at)
                VALUES ('tok_a', 'a', 'h1', 'sk-…a', 5000000, 0, NULL, 0), ('tok_b', 'b', 'h2', 'sk-…b', NULL, 1000, 'usr_alice', 0)
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO ledger_entries (token_id, user_id, kind, amount_micros, idempotency_key, reference, created_at) VALUES
                ('tok_a', NULL, 'topup', 3000000, 'topup:tok_a:inv-1', 'tok_a', 1),
                (NULL, 'usr_alice', 'topup', 5000000, 'topup:usr_alice:inv-2', 'usr_alice', 2),
                (NULL, 'usr_alice', 'adjustment', -1000000, 'adjustment:usr_alice:x', 'usr_alice', 3),
                ('tok_b', 'usr_alice', 'charge', 1000, 'charge:r1', 'r1', 4)
                """
            ).run()
        }
        #expect(try await LedgerAudit.differences(database: v2).count == 2)
        await v2.close()

        let database = try await Database.open(location: location, logger: TestHarness.logger)
        let openings = try await database.read.raw(
            "SELECT token_id, user_id, amount_micros FROM ledger_entries WHERE kind = 'opening' ORDER BY id"
        ).all().map { row -> [String] in
            let account = try row.decode(column: "token_id", as: String?.self) ?? row.decode(column: "user_id", as: String?.self) ?? ""
            return [account, String(try row.decode(column: "amount_micros", as: Int64.self))]
        }
        // The key held 3.00 of top-ups in its 5.00; alice's 4.00 is all credits. Unlimited accounts open nothing.
        #expect(openings == [["tok_a", "2000000"], ["usr_alice", "0"]])
        try await expectNoLedgerDifferences(database)
        await database.close()
    }
}
