import Testing
@testable import Switchyard

/// A fresh install prices every current model of the shipped families, each in the provider's unit.
@Suite struct DefaultPricesTests {
    let table = DefaultPrices.table

    @Test func currentModelsArePricedOnAFreshInstall() throws {
        let sonnet = try table.tokenPrice(model: "claude-sonnet-4-5")
        #expect(
            [sonnet.inputPerMillion, sonnet.outputPerMillion, sonnet.cachedInputPerMillion, sonnet.cacheWritePerMillion] == [
                3_000_000, 15_000_000, 300_000, 3_750_000,
            ])
        let gpt5 = try table.tokenPrice(model: "gpt-5")
        #expect([gpt5.inputPerMillion, gpt5.outputPerMillion, gpt5.cachedInputPerMillion] == [1_250_000, 10_000_000, 125_000])
        let mini = try table.tokenPrice(model: "gpt-4o-mini")
        #expect([mini.inputPerMillion, mini.outputPerMillion, mini.cachedInputPerMillion] == [150_000, 600_000, 75_000])
        #expect(try table.tokenPrice(model: "dall-e-3", facts: ["size": "1024x1024", "quality": "standard"]).perImage == 40_000)
        #expect(try table.tokenPrice(model: "tts-1").perMillionCharacters == 15_000_000)
        #expect(try table.tokenPrice(model: "whisper-1").perSecond == 100)
        // Each one costs something for what it is sold by: nothing is free by omission.
        #expect(try table.tokenPrice(model: "dall-e-3", facts: ["size": "1024x1024", "quality": "standard"]).cost(MeteredUsage(images: 1)) == 40_000)
        #expect(try table.tokenPrice(model: "tts-1").cost(MeteredUsage(characters: 100)) == 1_500)
        #expect(try table.tokenPrice(model: "whisper-1").cost(MeteredUsage(seconds: 60)) == 6_000)
    }

    @Test func modelsTheGatewayAlreadyServedStayPriced() throws {
        for model in TestHarness.openAIModels + TestHarness.anthropicModels + ["o3-mini", "claude-3-haiku-20240307", "claude-opus-4-1-20250805"] {
            #expect(throws: Never.self, "\(model)") { try table.tokenPrice(model: model) }
        }
        // Anthropic's cache writes at their list price (1.25 × input) for the models kept by hand too.
        #expect(try table.tokenPrice(model: "claude-3-5-haiku-latest").cacheWritePerMillion == 1_000_000)
    }

    @Test func moderationIsFreeAndEveryRuleIsValid() throws {
        #expect(try table.tokenPrice(model: "omni-moderation-latest").cost(MeteredUsage(input: 1_000_000)) == 0)
        var seen: Set<String> = []
        for rule in table.rules {
            #expect(throws: Never.self, "\(rule.model)") { try rule.validate() }
            #expect(seen.insert("\(rule.family)/\(rule.model)/\(rule.action)").inserted, "\(rule.model) is priced twice")
        }
        #expect(table.rules.filter { $0.family == "openai" }.count > 100)
        #expect(table.rules.filter { $0.family == "anthropic" }.count > 20)
        #expect(DefaultPrices.providersSource.hasPrefix("litellm "))
    }
}
