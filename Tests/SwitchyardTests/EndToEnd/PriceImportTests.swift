import Foundation
import Testing
@testable import Switchyard

/// Prices in every unit through the admin API, and litellm's price list imported into a running gateway.
@Suite struct PriceImportTests {
    @Test func anImportedPriceChargesTheNextCall() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let list = #"""
                {"gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 0.0003,
                                 "output_cost_per_token": 0.0012, "cache_read_input_token_cost": 1.5e-04},
                 "gpt-brand-new": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06}}
                """#
            // What `switchyard price import FILE --yes` does: another process plans against the prices in force and writes.
            let book = try await PriceBook(base: DefaultPrices.table, database: harness.database)
            let imported = try LiteLLMPriceImport.rules(from: Data(list.utf8), today: "2026-11-26")
            let plan = PriceImportPlan(importing: imported, current: try await book.current())
            #expect(plan.added.map(\.model) == ["gpt-brand-new"])
            #expect(plan.changed.map(\.old.inputPerMillion) == ["0.15"])
            try await book.set(plan.rulesToWrite)
            let entry = try #require(try await PricingTests().charge(harness, key: key).entry)
            #expect(entry.price?.contains("in 300.00 out 1200.00 cached 150.00") == true)
            // Importing the same list again changes nothing.
            let again = PriceImportPlan(importing: imported, current: try await book.current())
            #expect(again.rulesToWrite.isEmpty && again.unchanged == 2)
        }
    }

    @Test func theAdminAPITakesAndShowsEveryUnit() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let set = try await harness.call(
                .POST, harness.baseURL + "/api/pricing", key: admin,
                body: #"""
                    {"family":"openai","model":"dall-e-3","action":"tokens","input_per_million":"0","output_per_million":"0",
                     "cache_write_per_million":"1.25","per_image":{"hd/1024x1792":"0.15","*":"0.05"},
                     "per_million_characters":"20","per_second":"0.0002"}
                    """#)
            #expect(set.status == 200)
            let listed = try await harness.call(.GET, harness.baseURL + "/api/pricing?family=openai", key: admin)
            let rule = try #require(listed.json?["data"]?.arrayValue?.first { $0["model"] == "dall-e-3" })
            #expect(rule["per_image"]?["hd/1024x1792"] == "0.15")
            #expect(rule["cache_write_per_million"] == "1.25" && rule["per_million_characters"] == "20" && rule["per_second"] == "0.0002")
            let table = try await harness.gatewayPrices()
            #expect(try table.tokenPrice(model: "dall-e-3", facts: ["size": "1024x1792", "quality": "hd"]).perImage == 150_000)
            for body in [
                #"{"family":"openai","model":"dall-e-3","action":"tokens","input_per_million":"0","output_per_million":"0","per_image":{"big":"0.1"}}"#,
                #"{"family":"openai","model":"dall-e-3","action":"tokens","input_per_million":"0","output_per_million":"0","per_image":{"*":0.1}}"#,
                #"{"family":"openai","model":"dall-e-3","action":"tokens","input_per_million":"0","output_per_million":"0","per_image":"0.1"}"#,
                #"{"family":"openai","model":"tts-1","action":"tokens","input_per_million":"0","output_per_million":"0","per_second":"-1"}"#,
                #"{"family":"luma","model":"ray-2","action":"video","usd":"0.71","per_second":"0.01"}"#,
            ] {
                let answer = try await harness.call(.POST, harness.baseURL + "/api/pricing", key: admin, body: body)
                #expect(answer.status == 422, "\(body)")
            }
        }
    }
}

extension TestHarness {
    /// The prices in force as the store holds them now.
    func gatewayPrices() async throws -> PriceTable {
        try await PriceBook(base: DefaultPrices.table, database: database).current()
    }
}
