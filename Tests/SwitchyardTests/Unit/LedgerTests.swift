import Foundation
import Testing
@testable import Switchyard

@Suite struct LedgerTests {
    func withDatabase(_ engine: StoreDialect, _ body: (Database, Token) async throws -> Void) async throws {
        try await TestStore.with(engine) { database in
            let token = try await TokenStore(database: database).create(name: "t", quotaMicros: 1_000_000).token
            try await body(database, token)
            try await expectNoLedgerDifferences(database)
        }
    }

    func hold(_ database: Database, _ token: Token, _ amount: Int64, _ reference: String) async throws {
        try await database.transaction { sql in
            try await Ledger.hold(in: sql, tokenID: token.id, amountMicros: amount, reference: reference, price: "test", now: 0)
        }
    }

    func resolve(_ database: Database, _ reference: String, _ resolution: Ledger.Resolution) async throws -> Bool {
        try await database.transaction { sql in try await Ledger.resolve(in: sql, reference: reference, as: resolution, now: 0) }
    }

    @Test(arguments: PostgresTestServer.engines) func holdThenSettleChargesOnce(engine: StoreDialect) async throws {
        try await withDatabase(engine) { database, token in
            try await hold(database, token, 400_000, "t1")
            #expect(try await resolve(database, "t1", .settle))
            #expect(try await resolve(database, "t1", .settle) == false)
            #expect(try await resolve(database, "t1", .refund) == false)
            let after = try await TokenStore(database: database).find(id: token.id)!
            #expect(after.usedMicros == 400_000)
            #expect(after.heldMicros == 0)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func refundReturnsTheHoldOnce(engine: StoreDialect) async throws {
        try await withDatabase(engine) { database, token in
            try await hold(database, token, 400_000, "t1")
            #expect(try await resolve(database, "t1", .refund))
            #expect(try await resolve(database, "t1", .settle) == false)
            let after = try await TokenStore(database: database).find(id: token.id)!
            #expect(after.usedMicros == 0)
            #expect(after.heldMicros == 0)
            #expect(after.remainingMicros == 1_000_000)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aHoldBeyondTheQuotaIsRefusedAndLeavesNoTrace(engine: StoreDialect) async throws {
        try await withDatabase(engine) { database, token in
            try await hold(database, token, 700_000, "t1")
            await #expect(throws: GatewayError.insufficientQuota(neededMicros: 400_000)) { try await hold(database, token, 400_000, "t2") }
            #expect(try await Ledger.entries(in: database.read, reference: "t2").isEmpty)
            #expect(try await TokenStore(database: database).find(id: token.id)!.heldMicros == 700_000)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func concurrentHoldsNeverOverspendAndConcurrentResolvesEndEachHoldOnce(engine: StoreDialect)
        async throws
    {
        try await withDatabase(engine) { database, token in
            let accepted = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<30 {
                    group.addTask { (try? await hold(database, token, 100_000, "c\(index)")) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(accepted == 10)
            // Every hold is resolved by two racing writers, one settling and one refunding.
            let wins = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<30 {
                    group.addTask { (try? await resolve(database, "c\(index)", .settle)) ?? false }
                    group.addTask { (try? await resolve(database, "c\(index)", .refund)) ?? false }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 10)
            let after = try await TokenStore(database: database).find(id: token.id)!
            #expect(after.heldMicros == 0)
            #expect(after.usedMicros <= 1_000_000)
            #expect(after.usedMicros % 100_000 == 0)
        }
    }
}
