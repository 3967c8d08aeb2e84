/// Anthropic's default prices: litellm's list (generated), plus the models it no longer carries.
enum AnthropicPrices {
    static let rules = DefaultPrices.providerRules(family: AnthropicModule.familyName, retained: retained)

    /// Models the family still serves that litellm's list no longer carries as current (retired there, or past
    /// its deprecation date when the providers' prices were taken): kept at the provider's list prices, so an
    /// install that used them keeps pricing them. A generated rule for the same model wins.
    static let retained: [PriceRule] =
        [
            // Model, input, output, cache read, cache write, and the most output tokens of one answer.
            ("claude-3-5-haiku-latest", "0.80", "4.00", "0.08", "1.00", 8_192), ("claude-3-5-sonnet-latest", "3.00", "15.00", "0.30", "3.75", 8_192),
            ("claude-sonnet-4-20250514", "3.00", "15.00", "0.30", "3.75", 64_000),
            ("claude-opus-4-1-20250805", "15.00", "75.00", "1.50", "18.75", 32_000),
            ("claude-3-haiku-20240307", "0.25", "1.25", "0.03", "0.30", 4_096),
        ].map {
            PriceRule(
                family: "anthropic", model: $0.0, action: "tokens", inputPerMillion: $0.1, outputPerMillion: $0.2, cachedInputPerMillion: $0.3,
                cacheWritePerMillion: $0.4, maxOutputTokens: $0.5)
        }
}
