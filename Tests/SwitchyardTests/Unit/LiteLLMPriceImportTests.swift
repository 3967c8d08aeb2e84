import Foundation
import Testing
@testable import Switchyard

/// Reading litellm's model price list: exact amounts, the models the families serve, and what an import changes.
@Suite struct LiteLLMPriceImportTests {
    /// A small copy of litellm's file with its awkward parts: float text (1e-06, 2.5e-06, 1.5625e-05, a repeating
    /// decimal), zeros, missing fields, an unknown provider, fine-tunes, prefixed names, deprecated models, image
    /// variants and the spec entry whose "numbers" are prose.
    static let fixture = #"""
        {
          "sample_spec": {"litellm_provider": "one of https://docs.litellm.ai/docs/providers", "mode": "chat",
                          "input_cost_per_token": 0.0, "deprecation_date": "date when the model becomes deprecated"},
          "gpt-test": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06,
                       "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-06},
          "gpt-tiny": {"litellm_provider": "openai", "mode": "responses", "input_cost_per_token": 5e-09, "output_cost_per_token": 4e-07},
          "claude-test": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                          "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06,
                          "cache_creation_input_token_cost_above_1hr": 6e-06},
          "claude-odd": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 1.5625e-05, "output_cost_per_token": 1e-06},
          "claude-old": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06,
                         "deprecation_date": "2025-01-01"},
          "claude-soon": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06,
                          "deprecation_date": "2026-12-31"},
          "ft:gpt-test": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 6e-06},
          "openai/gpt-test": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06},
          "gemini-test": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06},
          "azure/hd/1024-x-1792/dall-e-3": {"litellm_provider": "azure", "mode": "image_generation", "input_cost_per_pixel": 7.19343e-08},
          "sora-test": {"litellm_provider": "openai", "mode": "video_generation", "output_cost_per_video_per_second": 0.1},
          "gpt-unpriced": {"litellm_provider": "openai", "mode": "chat"},
          "gpt-zero": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 0.0, "output_cost_per_token": 0.0},
          "dall-e-test": {"litellm_provider": "openai", "mode": "image_generation"},
          "hd/1024-x-1792/dall-e-test": {"litellm_provider": "openai", "mode": "image_generation", "output_cost_per_image": 0.12},
          "standard/1024-x-1024/dall-e-test": {"litellm_provider": "openai", "mode": "image_generation", "output_cost_per_image": 0.04},
          "1024-x-1024/dall-e-test": {"litellm_provider": "openai", "mode": "image_generation", "input_cost_per_image": 0.04},
          "image-flat": {"litellm_provider": "openai", "mode": "image_generation", "output_cost_per_image": 0.019},
          "image-tokens": {"litellm_provider": "openai", "mode": "image_generation", "input_cost_per_token": 5e-06,
                           "output_cost_per_image_token": 3e-05},
          "tts-test": {"litellm_provider": "openai", "mode": "audio_speech", "input_cost_per_character": 1.5e-05},
          "whisper-test": {"litellm_provider": "openai", "mode": "audio_transcription", "input_cost_per_second": 0.0001,
                           "output_cost_per_second": 0.0001},
          "transcribe-minute": {"litellm_provider": "openai", "mode": "audio_transcription", "input_cost_per_second": 0.000283333333333},
          "moderation-test": {"litellm_provider": "openai", "mode": "moderation", "input_cost_per_token": 0.0, "output_cost_per_token": 0.0},
          "instruct-test": {"litellm_provider": "text-completion-openai", "mode": "completion", "input_cost_per_token": 1.5e-06,
                            "output_cost_per_token": 2e-06},
          "gpt-negative": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": -1e-06, "output_cost_per_token": "free"}
        }
        """#

    func rules(families: Set<String> = ["openai", "anthropic"]) throws -> [String: PriceRule] {
        let rules = try LiteLLMPriceImport.rules(from: Data(Self.fixture.utf8), families: families, today: "2026-11-26")
        return Dictionary(uniqueKeysWithValues: rules.map { ($0.model, $0) })
    }

    @Test func perTokenPricesAreExactDollarsPerMillion() throws {
        let rules = try rules()
        #expect(
            rules["gpt-test"]
                == PriceRule(
                    family: "openai", model: "gpt-test", action: "tokens", inputPerMillion: "2.50", outputPerMillion: "10.00",
                    cachedInputPerMillion: "1.25"))
        #expect(rules["gpt-tiny"]?.inputPerMillion == "0.005")
        #expect(rules["claude-odd"]?.inputPerMillion == "15.625")
        #expect(rules["claude-test"]?.cacheWritePerMillion == "3.75")
        #expect(rules["claude-test"]?.cachedInputPerMillion == "0.30")
        #expect(rules["instruct-test"]?.family == "openai")
    }

    @Test func onlyCurrentModelsOfTheShippedFamiliesAreTaken() throws {
        let rules = try rules()
        for skipped in [
            "sample_spec", "claude-old", "ft:gpt-test", "openai/gpt-test", "gemini-test", "azure/hd/1024-x-1792/dall-e-3", "sora-test",
            "gpt-unpriced", "gpt-zero", "gpt-negative", "hd/1024-x-1792/dall-e-test",
        ] {
            #expect(rules[skipped] == nil, "\(skipped)")
        }
        #expect(rules["claude-soon"] != nil)
        #expect(Set(try self.rules(families: ["anthropic"]).values.map(\.family)) == ["anthropic"])
    }

    @Test func imagesCharactersSecondsAndModerationAreInTheProvidersUnits() throws {
        let rules = try rules()
        #expect(rules["dall-e-test"]?.perImage == ["hd/1024x1792": "0.12", "standard/1024x1024": "0.04", "1024x1024": "0.04"])
        #expect(rules["dall-e-test"]?.outputPerMillion == "0.00")
        #expect(rules["image-flat"]?.perImage == ["*": "0.019"])
        // Without a per-image price, an image model's output is its image tokens.
        #expect(rules["image-tokens"]?.outputPerMillion == "30.00")
        #expect(rules["image-tokens"]?.perImage == nil)
        #expect(rules["tts-test"]?.perMillionCharacters == "15.00")
        #expect(rules["whisper-test"]?.perSecond == "0.0001")
        // $0.017 a minute does not divide into whole micro-dollars a second: rounded up, never under the list price.
        #expect(rules["transcribe-minute"]?.perSecond == "0.000284")
        #expect(rules["moderation-test"]?.free == true)
        for rule in rules.values { #expect(throws: Never.self) { try rule.validate() } }
    }

    @Test func amountsMoveTheDecimalPointNeverFloatArithmetic() {
        #expect(LiteLLMPriceImport.dollars(2.5e-06, perMillion: true) == "2.50")
        #expect(LiteLLMPriceImport.dollars(1e-06, perMillion: true) == "1.00")
        #expect(LiteLLMPriceImport.dollars(0.0, perMillion: true) == "0.00")
        #expect(LiteLLMPriceImport.dollars(0.1 + 0.2) == "0.300001")
        #expect(LiteLLMPriceImport.dollars(7.5e-08, perMillion: true) == "0.075")
        #expect(LiteLLMPriceImport.dollars(1e-300) == "0.000001")
        #expect(LiteLLMPriceImport.dollars(1e300) == nil)
        #expect(LiteLLMPriceImport.dollars(-1) == nil)
        #expect(LiteLLMPriceImport.dollars(.nan) == nil)
        #expect(LiteLLMPriceImport.dollars(.infinity) == nil)
        #expect(LiteLLMPriceImport.dollars(150) == "150.00")
    }

    @Test func notAPriceListIsRefused() {
        for text in ["[1, 2]", "not json", ""] {
            #expect(throws: GatewayError.self) { try LiteLLMPriceImport.rules(from: Data(text.utf8), today: "2026-11-26") }
        }
    }

    @Test func thePlanShowsAddedChangedAndUnchanged() throws {
        let imported = try LiteLLMPriceImport.rules(from: Data(Self.fixture.utf8), families: ["anthropic"], today: "2026-11-26")
        let current = PriceTable(rules: [
            // The same price written another way is unchanged.
            PriceRule(family: "anthropic", model: "claude-odd", action: "tokens", inputPerMillion: "15.625000", outputPerMillion: "1"),
            PriceRule(family: "anthropic", model: "claude-test", action: "tokens", inputPerMillion: "3.00", outputPerMillion: "15.00"),
            PriceRule(family: "luma", model: "ray-2", action: "video", usd: "0.71"),
        ])
        let plan = PriceImportPlan(importing: imported, current: current)
        #expect(plan.added.map(\.model) == ["claude-soon"])
        #expect(plan.changed.map(\.old.model) == ["claude-test"])
        #expect(plan.changed.first?.new.cacheWritePerMillion == "3.75")
        #expect(plan.unchanged == 1)
        #expect(plan.rulesToWrite.map(\.model) == ["claude-soon", "claude-test"])
    }
}
