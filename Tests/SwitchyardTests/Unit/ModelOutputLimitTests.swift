import Foundation
import Testing
@testable import Switchyard

/// A model's output limit (`max_output_tokens`): where it comes from (litellm's list, the shipped defaults, an
/// operator's rule) and what a call that sets no limit of its own reserves with it.
@Suite struct ModelOutputLimitTests {
    func decode(_ json: String) throws -> PriceRule { try JSONDecoder().decode(PriceRule.self, from: Data(json.utf8)) }

    @Test func theShippedTableKnowsTheModelsOutputLimits() throws {
        let table = DefaultPrices.table
        // Generated from litellm's list.
        #expect(try table.tokenPrice(model: "gpt-4o").maxOutputTokens == 16_384)
        #expect(try table.tokenPrice(model: "gpt-4o-mini").maxOutputTokens == 16_384)
        #expect(try table.tokenPrice(model: "gpt-5").maxOutputTokens == 128_000)
        #expect(try table.tokenPrice(model: "claude-sonnet-4-5").maxOutputTokens == 64_000)
        // Kept by hand.
        #expect(try table.tokenPrice(model: "o3-mini").maxOutputTokens == 100_000)
        #expect(try table.tokenPrice(model: "claude-3-5-haiku-latest").maxOutputTokens == 8_192)
        #expect(try table.tokenPrice(model: "claude-sonnet-4-20250514").maxOutputTokens == 64_000)
        // Only text models have one: an embedding or an image model answers no free-running text.
        #expect(try table.tokenPrice(model: "text-embedding-3-small").maxOutputTokens == nil)
        #expect(try table.tokenPrice(model: "dall-e-3", facts: ["size": "1024x1024", "quality": "standard"]).maxOutputTokens == nil)
        for model in TestHarness.openAIModels + TestHarness.anthropicModels
        where ["gpt", "claude"].contains(where: model.hasPrefix) && !model.hasPrefix("gpt-image") {
            #expect(try table.tokenPrice(model: model).maxOutputTokens != nil, "\(model)")
        }
    }

    @Test func aRuleTakesTheLimitInEitherSpellingAndRefusesNonsense() throws {
        let snake = try decode(
            #"{"family":"openai","model":"m","action":"tokens","input_per_million":"1","output_per_million":"2","max_output_tokens":32768}"#)
        #expect(snake.maxOutputTokens == 32_768)
        // The store's spelling reads back to the same rule.
        #expect(try decode(String(decoding: try JSONEncoder().encode(snake), as: UTF8.self)) == snake)
        let refused = [
            PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1", maxOutputTokens: 0),
            PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1", maxOutputTokens: 10_000_001),
            PriceRule(family: "luma", model: "ray-2", action: "video", usd: "0.71", maxOutputTokens: 1_000),
        ]
        for rule in refused {
            let error = #expect(throws: GatewayError.self) { try rule.validate() }
            #expect(error?.message.hasPrefix("max_output_tokens:") == true, "\(String(describing: error))")
        }
        try PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1", maxOutputTokens: 10_000_000)
            .validate()
    }

    @Test func theLimitIsAFactOfThePriceThatAGroupMultiplierLeavesAlone() throws {
        let table = PriceTable(rules: [
            PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "2", maxOutputTokens: 500)
        ])
        let price = try table.tokenPrice(model: "m")
        #expect(price.maxOutputTokens == 500)
        let scaled = price.scaled(byPermille: 1_500, group: "vip")
        #expect(scaled.outputPerMillion == 3_000_000)
        #expect(scaled.maxOutputTokens == 500)
    }

    @Test func aCallWithoutALimitReservesTheModelsAndOneWithALimitItsOwn() throws {
        let unlimited = try RelayFacts.json(Array(#"{"model":"gpt-4o","n":2,"messages":[]}"#.utf8), meter: .chat)
        #expect(UsageMeter.chat.worstCase(unlimited, defaultMaxTokens: 16_384).output == 32_768)
        #expect(UsageMeter.responses.worstCase(unlimited, defaultMaxTokens: 128_000).output == 256_000)
        // Past the model's limit the upstream refuses the call (nothing is charged); until then it is reserved as asked.
        let past = try RelayFacts.json(Array(#"{"model":"gpt-4o","max_tokens":50000,"messages":[]}"#.utf8), meter: .chat)
        #expect(UsageMeter.chat.worstCase(past, defaultMaxTokens: 16_384).output == 50_000)
        let within = try RelayFacts.json(Array(#"{"model":"gpt-4o","max_completion_tokens":100,"messages":[]}"#.utf8), meter: .chat)
        #expect(UsageMeter.chat.worstCase(within, defaultMaxTokens: 16_384).output == 100)
    }

    /// litellm's list, with the limits in the shapes it has held them: `max_output_tokens`, the legacy `max_tokens`
    /// (the output limit when below the context window, the context window otherwise), neither, and nonsense.
    static let fixture = #"""
        {
          "gpt-out": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                      "max_input_tokens": 128000, "max_output_tokens": 16384, "max_tokens": 16384},
          "gpt-legacy": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                         "max_input_tokens": 128000, "max_tokens": 4096},
          "gpt-window": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                         "max_input_tokens": 8192, "max_tokens": 8192},
          "gpt-unknown-window": {"litellm_provider": "openai", "mode": "responses", "input_cost_per_token": 1e-06,
                                 "output_cost_per_token": 2e-06, "max_tokens": 8192},
          "gpt-none": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06},
          "gpt-odd": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                      "max_output_tokens": 1.5e3, "max_input_tokens": "lots"},
          "gpt-huge": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
                       "max_output_tokens": 1e12},
          "instruct-out": {"litellm_provider": "text-completion-openai", "mode": "completion", "input_cost_per_token": 1.5e-06,
                           "output_cost_per_token": 2e-06, "max_output_tokens": 4096},
          "claude-out": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                         "max_input_tokens": 200000, "max_output_tokens": 64000},
          "embed-window": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 2e-08, "output_cost_per_token": 0.0,
                           "max_input_tokens": 8191, "max_tokens": 8191, "max_output_tokens": 8191}
        }
        """#

    @Test func anImportTakesTheOutputLimitOfEveryTextModel() throws {
        let rules = Dictionary(
            uniqueKeysWithValues: try LiteLLMPriceImport.rules(from: Data(Self.fixture.utf8), today: "2026-11-26").map { ($0.model, $0) })
        #expect(rules["gpt-out"]?.maxOutputTokens == 16_384)
        #expect(rules["gpt-legacy"]?.maxOutputTokens == 4_096)
        #expect(rules["instruct-out"]?.maxOutputTokens == 4_096)
        #expect(rules["claude-out"]?.maxOutputTokens == 64_000)
        #expect(rules["gpt-odd"]?.maxOutputTokens == 1_500)
        // A max_tokens that may be the context window is not taken for the output limit; nor is what is not one.
        for model in ["gpt-window", "gpt-unknown-window", "gpt-none", "gpt-huge", "embed-window"] {
            #expect(rules[model] != nil && rules[model]?.maxOutputTokens == nil, "\(model)")
        }
        for rule in rules.values { #expect(throws: Never.self) { try rule.validate() } }
    }

    @Test func anImportShowsAChangedLimitAsAChange() throws {
        let imported = try LiteLLMPriceImport.rules(from: Data(Self.fixture.utf8), families: ["anthropic"], today: "2026-11-26")
        let current = PriceTable(rules: [
            PriceRule(family: "anthropic", model: "claude-out", action: "tokens", inputPerMillion: "3.00", outputPerMillion: "15.00")
        ])
        let plan = PriceImportPlan(importing: imported, current: current)
        #expect(plan.changed.map(\.new.model) == ["claude-out"])
        #expect(plan.changed.first?.old.maxOutputTokens == nil)
        #expect(plan.rulesToWrite.first?.maxOutputTokens == 64_000)
        // Once written, the same list changes nothing.
        #expect(PriceImportPlan(importing: imported, current: PriceTable(rules: imported)).unchanged == 1)
    }
}
