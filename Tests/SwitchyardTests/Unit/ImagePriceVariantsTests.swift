import Testing
@testable import Switchyard

/// An image model's price by the quality and size the call asks for.
@Suite struct ImagePriceVariantsTests {
    func perImage(_ model: String, size: String?, quality: String?) throws -> Int64 {
        var facts: [String: String] = [:]
        facts["size"] = size
        facts["quality"] = quality
        return try DefaultPrices.table.tokenPrice(model: model, facts: facts).perImage
    }

    @Test func dallE3IsPricedByQualityAndSize() throws {
        #expect(try perImage("dall-e-3", size: "1024x1024", quality: "standard") == 40_000)
        #expect(try perImage("dall-e-3", size: "1024x1792", quality: "standard") == 80_000)
        #expect(try perImage("dall-e-3", size: "1792x1024", quality: "hd") == 120_000)
        #expect(
            try DefaultPrices.table.tokenPrice(model: "dall-e-3", facts: ["size": "1024x1792", "quality": "hd"]).detail.contains("(hd/1024x1792)"))
    }

    @Test func gptImage1QualitiesAndAutoArePriced() throws {
        #expect(try perImage("gpt-image-1", size: "1024x1024", quality: "low") == 11_000)
        #expect(try perImage("gpt-image-1", size: "1536x1024", quality: "medium") == 63_000)
        // "auto" (and the relay's "standard" default) lets OpenAI choose: the dearest quality at that size.
        #expect(try perImage("gpt-image-1", size: "1024x1024", quality: "auto") == 167_000)
        #expect(try perImage("gpt-image-1", size: "1024x1024", quality: "standard") == 167_000)
        #expect(try perImage("gpt-image-1", size: "auto", quality: "low") == 16_000)
        #expect(try perImage("gpt-image-1", size: nil, quality: nil) == 250_000)
    }

    @Test func theMostSpecificVariantWins() throws {
        let variants = try #require(ImagePriceVariants(["*": "0.50", "1024x1024": "0.04", "hd/1024x1024": "0.08", "hd/*": "0.10"]))
        #expect(variants.price(quality: "hd", size: "1024x1024")?.micros == 80_000)
        #expect(variants.price(quality: "standard", size: "1024x1024")?.micros == 40_000)
        #expect(variants.price(quality: "hd", size: "512x512")?.micros == 100_000)
        #expect(variants.price(quality: "standard", size: "512x512")?.micros == 500_000)
    }

    @Test func aVariantNoEntryPricesIsUnpricedNeverFree() throws {
        let variants = try #require(ImagePriceVariants(["hd/1024x1024": "0.08"]))
        #expect(variants.price(quality: "hd", size: "1024x1024")?.micros == 80_000)
        // "standard" is unknown here, so any quality; 512x512 is too: the dearest entry.
        #expect(variants.price(quality: "standard", size: "512x512")?.micros == 80_000)
        let sized = try #require(ImagePriceVariants(["hd/1024x1024": "0.08", "standard/1792x1024": "0.08"]))
        // hd is named, but never at 1792x1024.
        #expect(sized.price(quality: "hd", size: "1792x1024") == nil)
        let table = PriceTable(rules: [
            PriceRule(family: "openai", model: "img", action: "tokens", inputPerMillion: "0", outputPerMillion: "0", perImage: sized.asMap)
        ])
        #expect(throws: GatewayError.unpriced(model: "img")) { try table.tokenPrice(model: "img", facts: ["quality": "hd", "size": "1792x1024"]) }
    }

    @Test func variantKeysAreChecked() {
        for key in ["hd/1024x1792", "1024x1024", "hd/*", "*", "*/1024x1024", "low/1536x1024"] {
            #expect(ImagePriceVariants.parse(key: key) != nil, "\(key)")
        }
        for key in ["", "hd", "hd/", "/1024x1024", "HD/1024x1024", "hd/1024-x-1024", "hd/1024x", "a/b/c", "hd/1024x1024x2", "1024x1024/hd"] {
            #expect(ImagePriceVariants.parse(key: key) == nil, "\(key)")
        }
        #expect(ImagePriceVariants(["hd/1024x1024": "cheap"]) == nil)
        #expect(ImagePriceVariants(["hd/1024x1024": "-1"]) == nil)
    }
}

extension ImagePriceVariants {
    var asMap: [String: String] { Dictionary(uniqueKeysWithValues: variants.map { ($0.key, Money.format($0.micros)) }) }
}
