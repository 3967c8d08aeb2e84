import Foundation
import Testing
@testable import Switchyard

/// A price rule as the configuration file, the store and the admin API hold it, and what validation refuses.
@Suite struct PriceRuleTests {
    func decode(_ json: String) throws -> PriceRule { try JSONDecoder().decode(PriceRule.self, from: Data(json.utf8)) }

    @Test func aConfigurationFileMayUseTheAdminAPIsNames() throws {
        let snake = try decode(
            #"{"family":"openai","model":"dall-e-3","action":"tokens","input_per_million":"0","output_per_million":"0","#
                + #""cache_write_per_million":"1.25","per_image":{"hd/1024x1792":"0.12"},"per_million_characters":"15","per_second":"0.0001"}"#)
        #expect(snake.perImage == ["hd/1024x1792": "0.12"])
        #expect(snake.cacheWritePerMillion == "1.25" && snake.perMillionCharacters == "15" && snake.perSecond == "0.0001")
        // The store's spelling reads back to the same rule.
        #expect(try decode(String(decoding: try JSONEncoder().encode(snake), as: UTF8.self)) == snake)
        let stored = try decode(#"{"family":"openai","model":"m","action":"tokens","usd":"0","inputPerMillion":"1","outputPerMillion":"2"}"#)
        #expect(stored.inputPerMillion == "1" && stored.outputPerMillion == "2")
    }

    @Test func aPerCallRuleWithoutAnAmountIsRefusedNotFree() throws {
        #expect(throws: DecodingError.self) { try decode(#"{"family":"luma","model":"ray-2","action":"video"}"#) }
        #expect(try decode(#"{"family":"luma","model":"ray-2","action":"video","free":true}"#).free == true)
    }

    @Test func nonsenseIsRefusedWithTheFieldNamed() {
        let cases: [(PriceRule, String)] = [
            (
                PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1", cacheWritePerMillion: "-1"),
                "cache_write_per_million"
            ),
            (PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1", perSecond: "1e-4"), "per_second"),
            (
                PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1", perMillionCharacters: "x"),
                "per_million_characters"
            ),
            (
                PriceRule(family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1", perImage: ["huge": "0.1"]),
                "per_image"
            ),
            (
                PriceRule(
                    family: "openai", model: "m", action: "tokens", inputPerMillion: "1", outputPerMillion: "1",
                    perImage: ["hd/1024x1024": "0.0000001"]), "per_image"
            ),
            (PriceRule(family: "luma", model: "ray-2", action: "video", usd: "0.71", perSecond: "0.01"), "per_second"),
            (PriceRule(family: "luma", model: "ray-2", action: "video", usd: "0.71", perImage: ["*": "0.01"]), "per_image"),
        ]
        for (rule, field) in cases {
            let error = #expect(throws: GatewayError.self) { try rule.validate() }
            #expect(error?.code == .validationFailed && error?.message.hasPrefix("\(field):") == true, "\(field): \(String(describing: error))")
        }
    }
}
