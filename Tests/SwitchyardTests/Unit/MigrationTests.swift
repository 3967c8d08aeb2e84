import Foundation
import SQLKit
import Testing
@testable import Switchyard

/// Schema v2 on a database that v1 filled: what was spent stays spent, and the ledger keeps every entry.
@Suite struct MigrationTests {
    @Test(arguments: PostgresTestServer.engines) func aV1DatabaseWithDataMigratesWithItsMoneyInStep(engine: StoreDialect) async throws {
        let location = try await TestStore.location(engine)
        defer { if engine == .sqlite { try? FileManager.default.removeItem(atPath: location) } }
        let v1 = try await Database.open(location: location, migratingThrough: 1, logger: TestHarness.logger)
        try await v1.transaction { sql in
            try await sql.raw("INSERT INTO users (id, name, role, created_at) VALUES ('usr_a', 'ops', 'admin', 0)").run()
            try await sql.raw(
                """
                INSERT INTO tokens (id, name, key_hash, key_hint, quota_micros, used_micros, held_micros, user_id, created_at)
                VALUES ('tok_a', 'ops', 'h1', 'sk-…a', NULL, 300, 500, 'usr_a', 0), ('tok_b', 'alice', 'h2', 'sk-…b', 5000000, 1000, 0, NULL, 0)
                """
            ).run()
            try await sql.raw(
                """
                INSERT INTO ledger_entries (token_id, kind, amount_micros, idempotency_key, reference, detail, created_at) VALUES
                ('tok_a', 'hold', 500, 'hold:t1', 't1', 'luma/ray-2/video 0.71', 1), ('tok_a', 'charge', 300, 'charge:r1', 'r1', 'gpt-4o in=1 out=2', 2),
                ('tok_a', 'topup', 5000000, 'topup:inv', 'tok_a', NULL, 3), ('tok_b', 'charge', 1000, 'charge:r2', 'r2', 'gpt-4o in=3 out=4', 4)
                """
            ).run()
        }
        await v1.close()

        let database = try await Database.open(location: location, migratingThrough: 2, logger: TestHarness.logger)
        do {
            try await checkMigrated(database)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
    }

    func checkMigrated(_ database: Database) async throws {
        let user = try #require(try await UserStore(database: database).find(id: "usr_a"))
        #expect(user.quotaMicros == nil)
        #expect(user.usedMicros == 300 && user.heldMicros == 500)
        let rows = try await database.read.raw("SELECT kind, user_id, price, idempotency_key FROM ledger_entries ORDER BY id").all()
        #expect(rows.count == 4)
        #expect(try rows.map { try $0.decode(column: "user_id", as: String?.self) } == ["usr_a", "usr_a", nil, nil])
        #expect(try rows.map { try $0.decode(column: "price", as: String?.self) } == ["luma/ray-2/video 0.71", nil, nil, nil])
        // The held amount ends as the ledger says, on the key and on its user.
        try await database.transaction { sql in try await Ledger.resolve(in: sql, reference: "t1", as: .settle, now: 5) }
        let settled = try #require(try await UserStore(database: database).find(id: "usr_a"))
        #expect(settled.heldMicros == 0 && settled.usedMicros == 800)
        // Ids keep counting where they were.
        try await database.transaction { sql in
            try await Ledger.credit(
                in: sql, account: .token("tok_b"), kind: .topup, amountMicros: 1, idempotencyKey: "topup:again", detail: nil, now: 6)
        }
        #expect(try await database.read.raw("SELECT MAX(id) AS n FROM ledger_entries").first()?.decode(column: "n", as: Int.self) == 6)
    }
}
