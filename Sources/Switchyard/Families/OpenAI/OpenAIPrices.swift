/// OpenAI's default prices: litellm's list (generated), plus the models it no longer carries.
enum OpenAIPrices {
    static let rules = DefaultPrices.providerRules(family: OpenAIModule.familyName, retained: retained)

    /// Models the family still serves that litellm's list no longer carries as current (retired there, or past
    /// its deprecation date when the providers' prices were taken): kept at the provider's list prices, so an
    /// install that used them keeps pricing them. A generated rule for the same model wins.
    static let retained: [PriceRule] = [
        PriceRule(
            family: "openai", model: "o3-mini", action: "tokens", inputPerMillion: "1.10", outputPerMillion: "4.40",
            cachedInputPerMillion: "0.55", maxOutputTokens: 100_000),
        // The image is priced per image; the prompt's tokens on top, as OpenAI bills them.
        PriceRule(
            family: "openai", model: "gpt-image-1", action: "tokens", inputPerMillion: "5.00", outputPerMillion: "0",
            cachedInputPerMillion: "1.25",
            perImage: [
                "low/1024x1024": "0.011", "low/1024x1536": "0.016", "low/1536x1024": "0.016", "medium/1024x1024": "0.042",
                "medium/1024x1536": "0.063", "medium/1536x1024": "0.063", "high/1024x1024": "0.167", "high/1024x1536": "0.25",
                "high/1536x1024": "0.25",
            ]),
        // Edits and variations: per image by size.
        PriceRule(
            family: "openai", model: "dall-e-2", action: "tokens", inputPerMillion: "0", outputPerMillion: "0",
            perImage: ["256x256": "0.016", "512x512": "0.018", "1024x1024": "0.02"]),
        PriceRule(
            family: "openai", model: "dall-e-3", action: "tokens", inputPerMillion: "0", outputPerMillion: "0",
            perImage: [
                "standard/1024x1024": "0.04", "standard/1024x1792": "0.08", "standard/1792x1024": "0.08", "hd/1024x1024": "0.08",
                "hd/1024x1792": "0.12", "hd/1792x1024": "0.12",
            ]),
    ]
}
