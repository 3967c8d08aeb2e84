import Foundation
import SQLKit
import Testing
@testable import Switchyard

/// Top-ups that count once per client key, opening quotas in the ledger, and the audit that recomputes every
/// balance from it (`switchyard ledger verify`, `GET /api/ledger/verify`).
@Suite struct LedgerAuditTests {
    @Test(arguments: PostgresTestServer.engines) func topUpsAndAdjustmentsCountOncePerIdempotencyKeyHeader(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let id = try #require(
                try await harness.call(.POST, harness.baseURL + "/api/user", key: admin, body: #"{"name":"alice"}"#).json?["data"]?["id"]?.stringValue
            )
            func credit(_ action: String, _ body: String, key: String?) async throws -> TestHarness.Answer {
                try await harness.call(
                    .POST, harness.baseURL + "/api/user/\(id)/\(action)", key: admin, body: body, headers: key.map { [("Idempotency-Key", $0)] } ?? []
                )
            }
            // A client retrying a top-up (same key) is credited once, and answered as the first time.
            for _ in 0..<2 {
                let topped = try await credit("topup", #"{"amount":"10.00"}"#, key: "pay-1")
                #expect(topped.status == 200 && topped.json?["data"]?["balance"] == "10.00", "\(topped.body)")
            }
            // The same key with another amount is a mistake, not a retry.
            #expect(try await credit("topup", #"{"amount":"20.00"}"#, key: "pay-1").status == 409)
            // The header wins over the body's key ("pay-1" in the body would be the 409 above).
            #expect(try await credit("topup", #"{"amount":"5.00","idempotency_key":"pay-1"}"#, key: "pay-2").json?["data"]?["balance"] == "15.00")
            // The body's key alone still works.
            for _ in 0..<2 { _ = try await credit("topup", #"{"amount":"1.00","idempotency_key":"invoice-9"}"#, key: nil) }
            #expect(try await harness.user(id).balanceMicros == 16_000_000)
            // Without any key, each call is a new top-up.
            for _ in 0..<2 { _ = try await credit("topup", #"{"amount":"1.00"}"#, key: nil) }
            #expect(try await harness.user(id).balanceMicros == 18_000_000)
            for _ in 0..<2 { _ = try await credit("adjust", #"{"amount":"-2.00","note":"goodwill reversed"}"#, key: "adj-1") }
            #expect(try await harness.user(id).balanceMicros == 16_000_000)
            #expect(try await credit("topup", #"{"amount":"1.00"}"#, key: String(repeating: "k", count: 201)).status == 422)

            let token = try #require(
                try await harness.call(.POST, harness.baseURL + "/api/token", key: admin, body: #"{"name":"k","quota":"2.00"}"#).json?["data"]?["id"]?
                    .stringValue)
            for _ in 0..<2 {
                let topped = try await harness.call(
                    .POST, harness.baseURL + "/api/token/\(token)/topup", key: admin, body: #"{"amount":"3.00"}"#,
                    headers: [("Idempotency-Key", "tk-1")])
                #expect(topped.json?["data"]?["quota"] == "5.00", "\(topped.body)")
            }
            let verified = try await harness.call(.GET, harness.baseURL + "/api/ledger/verify", key: admin)
            #expect(verified.json?["data"]?["clean"] == true, "\(verified.body)")
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func anAccountsStartingQuotaIsALedgerEntry(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let created = try await harness.call(.POST, harness.baseURL + "/api/token", key: admin, body: #"{"name":"k","quota":"2.50"}"#)
            let token = try #require(created.json?["data"]?["id"]?.stringValue)
            let entries = try await harness.call(.GET, harness.baseURL + "/api/ledger?token_id=\(token)", key: admin).json?["data"]?["items"]?
                .arrayValue
            #expect(entries?.map { [$0["kind"], $0["amount"]] } == [["opening", "2.50"]])
            // A key with a zero quota has one too: zero is a balance, unlimited is not.
            let empty = try await TokenStore(database: harness.database).create(name: "empty", quotaMicros: 0).token
            #expect(try await harness.ledger(empty.id).map { [$0.kind, String($0.amountMicros)] } == [["opening", "0"]])
            let unlimited = try await TokenStore(database: harness.database).create(name: "free", quotaMicros: nil).token
            #expect(try await harness.ledger(unlimited.id).isEmpty)
            let user = try await UserStore(database: harness.database).create(name: "bob", role: "customer")
            #expect(try await harness.ledger(user.id).map(\.kind) == ["opening"])
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func verifyReportsEachDifferenceAndFailsUntilTheBalancesAgain(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let customer = try await harness.customerUser(balance: "5.00", keys: 1)
            let key = try await harness.customerKey(quota: "3.00")
            let tokenID = try await harness.token(forKey: key).id
            let chat = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: customer.keys[0],
                body: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(chat.status == 200)
            // Two stored figures moved behind the ledger's back.
            try await harness.database.write { sql in
                try await sql.raw("UPDATE tokens SET used_micros = used_micros + 7 WHERE id = \(bind: tokenID)").run()
                try await sql.raw("UPDATE users SET quota_micros = quota_micros + 100 WHERE id = \(bind: customer.user.id)").run()
            }
            let expected = [
                LedgerAudit.Difference(account: "token", id: tokenID, column: "used", storedMicros: 7, ledgerMicros: 0),
                LedgerAudit.Difference(account: "user", id: customer.user.id, column: "quota", storedMicros: 5_000_100, ledgerMicros: 5_000_000),
            ]
            #expect(try await LedgerAudit.differences(database: harness.database) == expected)
            let verified = try await harness.call(.GET, harness.baseURL + "/api/ledger/verify", key: admin)
            #expect(verified.json?["data"]?["clean"] == false)
            #expect(verified.json?["data"]?["differences"]?.arrayValue?.first?["column"] == "used", "\(verified.body)")

            let failing = try await SwitchyardBinary.run(["ledger", "verify"] + harness.storeArguments)
            #expect(failing.status == 1)
            #expect(failing.output.contains("token \(tokenID) used: stored 0.000007, ledger says 0.00"), "\(failing.output)")
            #expect(failing.output.contains("user \(customer.user.id) quota"), "\(failing.output)")

            try await harness.database.write { sql in
                try await sql.raw("UPDATE tokens SET used_micros = used_micros - 7 WHERE id = \(bind: tokenID)").run()
                try await sql.raw("UPDATE users SET quota_micros = quota_micros - 100 WHERE id = \(bind: customer.user.id)").run()
            }
            try await harness.expectLedgerBalanced()
            let passing = try await SwitchyardBinary.run(["ledger", "verify"] + harness.storeArguments)
            #expect(passing.status == 0, "\(passing.output)")
        }
    }
}
