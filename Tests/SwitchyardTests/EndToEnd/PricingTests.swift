import Foundation
import Testing
@testable import Switchyard

/// Prices are data the operator edits while the gateway runs; the price in force is the one on the ledger.
@Suite struct PricingTests {
    static let chat = #"{"model":"gpt-4o-mini","max_tokens":50,"messages":[{"role":"user","content":"Hello"}]}"#

    func charge(_ harness: TestHarness, key: String, body: String = chat) async throws -> (status: Int, entry: Ledger.Entry?) {
        let answer = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: body)
        guard answer.status == 200, let requestID = answer.headers.first(name: "x-request-id") else { return (answer.status, nil) }
        try await waitUntil { try await harness.database.read.raw("SELECT id FROM usage_logs WHERE request_id = \(bind: requestID)").first() != nil }
        return (answer.status, try await harness.ledger(requestID).first)
    }

    @Test func anOperatorsPriceAppliesFromTheNextCallAndIsRecorded() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let before = try #require(try await charge(harness, key: key).entry)
            #expect(before.price?.contains("in 0.15 out 0.60") == true)
            let set = try await harness.call(
                .POST, harness.baseURL + "/api/pricing", key: admin,
                body: #"{"family":"openai","model":"gpt-4o-mini","action":"tokens","input_per_million":"300","output_per_million":"1200"}"#)
            #expect(set.json?["success"] == true)
            let after = try #require(try await charge(harness, key: key).entry)
            #expect(after.price?.contains("in 300.00 out 1200.00") == true)
            #expect(after.amountMicros > before.amountMicros * 1000)
            let listed = try await harness.call(.GET, harness.baseURL + "/api/pricing?family=openai", key: admin)
            let rule = listed.json?["data"]?.arrayValue?.first { $0["model"] == "gpt-4o-mini" }
            #expect(rule?["input_per_million"] == "300")
            // The edit outlives a restart.
            try await harness.restartGateway()
            #expect(try await charge(harness, key: key).entry?.price?.contains("in 300.00") == true)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aWithdrawnPriceRefusesTheModelUntilTheOperatorMarksItFree() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let withdrawn = try await harness.call(
                .DELETE, harness.baseURL + "/api/pricing?family=openai&model=gpt-4o-mini&action=tokens", key: admin)
            #expect(withdrawn.json?["success"] == true)
            let refused = try await charge(harness, key: key)
            #expect(refused.status == 400)
            _ = try await harness.call(
                .POST, harness.baseURL + "/api/pricing", key: admin, body: #"{"family":"openai","model":"gpt-4o-mini","action":"tokens","free":true}"#
            )
            let free = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: Self.chat)
            #expect(free.status == 200)
            let token = try await harness.token(forKey: key)
            try await harness.usageRows(tokenID: token.id, count: 1).forEach { #expect($0.costMicros == 0) }
            // A task family too: Luma's image model marked free costs nothing, held or settled.
            _ = try await harness.call(
                .POST, harness.baseURL + "/api/pricing", key: admin, body: #"{"family":"luma","model":"photon-1","action":"image","free":true}"#)
            let id = try #require(
                try await harness.call(.POST, "/generations/image", key: key, body: #"{"prompt":"a fox","model":"photon-1"}"#).json?["id"]?
                    .stringValue)
            _ = try await harness.waitForEnd(id, key: key)
            #expect(try await harness.ledger(id).map(\.amountMicros) == [0, 0])
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aBadPriceIsRefusedWithTheFieldNamed() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            for body in [
                #"{"family":"openai","model":"gpt-4o-mini","action":"tokens","input_per_million":"cheap","output_per_million":"1"}"#,
                #"{"family":"openai","model":"gpt-4o-mini","action":"tokens","input_per_million":"1"}"#,
                #"{"family":"luma","model":"ray-2","action":"video","usd":"0.5","modifiers":[{"fact":"duration","equals":"9s","multiplier":"1.2345"}]}"#,
                #"{"family":"luma","model":"","action":"video","usd":"0.5"}"#,
                // A per-call price without an amount would make every call free.
                #"{"family":"luma","model":"ray-2","action":"video"}"#,
            ] {
                let answer = try await harness.call(.POST, harness.baseURL + "/api/pricing", key: admin, body: body)
                #expect(answer.status == 422, "\(body)")
                #expect(answer.json?["success"] == false)
            }
        }
    }

    @Test func aPriceSetFromTheCommandLineReachesARunningGateway() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            // What `switchyard price set` does: another process writes the store.
            let cli = try await PriceBook(base: PriceTable(rules: []), database: harness.database)
            try await cli.set(PriceRule(family: "openai", model: "gpt-4o-mini", action: "tokens", inputPerMillion: "500", outputPerMillion: "500"))
            // In force from the very next call, with no word to the server.
            #expect(try await charge(harness, key: key).entry?.price?.contains("in 500.00") == true)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func groupMultipliersScaleQuotesAndTokenPrices() throws {
        let quote = PriceQuote(amountMicros: 710_000, detail: "luma/ray-2/video 0.71")
        #expect(try quote.scaled(byPermille: 800, group: "vip").amountMicros == 568_000)
        #expect(try quote.scaled(byPermille: 1000, group: "default") == quote)
        let price = try DefaultPrices.table.tokenPrice(model: "gpt-4o").scaled(byPermille: 1250, group: "retail")
        #expect(price.inputPerMillion == 3_125_000)
        #expect(price.detail.hasSuffix("×1.25 (group retail)"))
    }
}
