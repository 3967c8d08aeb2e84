import Foundation
import SQLKit
import Testing
@testable import Switchyard

/// Concurrent holds committed in shared transactions: each is durable and counted once, and a hold refused for want
/// of money fails alone, never its neighbours in the same group.
@Suite struct GroupCommitTests {
    @Test func concurrentHoldsShareCommitsAndNeverOverspend() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("group-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try await Database.open(directory: directory, logger: TestHarness.logger)
        // Room for exactly ten holds of 100,000.
        let token = try await TokenStore(database: database).create(name: "t", quotaMicros: 1_000_000).token
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<40 {
                group.addTask {
                    do {
                        try await database.groupedTransaction { sql in
                            try await Ledger.hold(in: sql, tokenID: token.id, amountMicros: 100_000, reference: "h\(index)", price: "test", now: 0)
                        }
                        return true
                    } catch let error as GatewayError where error.code == .insufficientQuota {
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 10)
        #expect(outcomes.filter { !$0 }.count == 30)
        let after = try #require(try await TokenStore(database: database).find(id: token.id))
        #expect(after.heldMicros == 1_000_000)
        let holds = try await database.read.raw("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'hold'").first()
        #expect(try holds?.decode(column: "n", as: Int.self) == 10)
        try await expectNoLedgerDifferences(database)
        await database.close()
        // What was committed is in the file: a new handle reads the same.
        let reopened = try await Database.open(directory: directory, logger: TestHarness.logger)
        #expect(try await TokenStore(database: reopened).find(id: token.id)?.heldMicros == 1_000_000)
        await reopened.close()
    }
}
