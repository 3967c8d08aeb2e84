import Testing
@testable import Switchyard

@Suite struct PriceTableTests {
    let table = PriceTable(rules: [
        PriceRule(
            family: "luma", model: "ray-2", action: "video", usd: "0.71",
            modifiers: [
                PriceModifier(fact: "duration", equals: "9s", multiplier: "1.8"),
                PriceModifier(fact: "resolution", equals: "540p", multiplier: "0.5"),
            ]),
        PriceRule(family: "luma", model: "*", action: "add_audio", usd: "0.05"),
    ])

    @Test func basePriceForTheDefaultShape() throws {
        let quote = try table.quote(["family": "luma", "model": "ray-2", "action": "video", "duration": "5s", "resolution": "720p"])
        #expect(quote.amountMicros == 710_000)
    }

    @Test func modifiersMultiply() throws {
        let quote = try table.quote(["family": "luma", "model": "ray-2", "action": "video", "duration": "9s", "resolution": "540p"])
        #expect(quote.amountMicros == 639_000)
        #expect(quote.detail.contains("duration=9s"))
    }

    @Test func wildcardModelMatchesAnyModel() throws {
        #expect(try table.quote(["family": "luma", "model": "ray-flash-2", "action": "add_audio"]).amountMicros == 50_000)
    }

    @Test func unpricedModelIsRefused() {
        #expect(throws: GatewayError.unpriced(model: "ray-flash-2")) {
            try table.quote(["family": "luma", "model": "ray-flash-2", "action": "video"])
        }
    }

    @Test func defaultTablePricesEveryLumaModelAndAction() throws {
        for model in LumaSettings().videoModels {
            #expect(try DefaultPrices.table.quote(["family": "luma", "model": model, "action": "video"]).amountMicros > 0)
        }
        for model in LumaSettings().imageModels {
            #expect(try DefaultPrices.table.quote(["family": "luma", "model": model, "action": "image"]).amountMicros > 0)
        }
        for action in ["upscale_video", "add_audio", "modify_video", "reframe_video", "reframe_image"] {
            #expect(try DefaultPrices.table.quote(["family": "luma", "model": "ray-2", "action": action]).amountMicros > 0)
        }
    }
}
