/// The price table a fresh install charges with until the operator configures its own.
///
/// Luma: list prices of Luma's API per generation (5 s, 720p baseline; 9 s and other resolutions scale it).
/// OpenAI and Anthropic: generated from litellm's price list (`providers`, see `providersSource`), plus the models
/// it no longer carries (`retained`).
public enum DefaultPrices {
    public static let table = PriceTable(
        rules: luma + suno + UdioPrices.rules + providers
            + retained.filter { rule in !providers.contains { $0.family == rule.family && $0.model == rule.model } })

    static let lumaVideoModifiers = [
        PriceModifier(fact: "duration", equals: "9s", multiplier: "1.8"),
        PriceModifier(fact: "resolution", equals: "540p", multiplier: "0.5"),
        PriceModifier(fact: "resolution", equals: "1080p", multiplier: "2.25"),
        PriceModifier(fact: "resolution", equals: "4k", multiplier: "9"),
    ]

    static let luma: [PriceRule] = [
        PriceRule(family: "luma", model: "ray-2", action: "video", usd: "0.71", modifiers: lumaVideoModifiers),
        PriceRule(family: "luma", model: "ray-flash-2", action: "video", usd: "0.24", modifiers: lumaVideoModifiers),
        PriceRule(family: "luma", model: "ray-1-6", action: "video", usd: "0.50", modifiers: lumaVideoModifiers),
        PriceRule(family: "luma", model: "photon-1", action: "image", usd: "0.019"),
        PriceRule(family: "luma", model: "photon-flash-1", action: "image", usd: "0.005"),
        PriceRule(family: "luma", model: "*", action: "upscale_video", usd: "0.30", modifiers: lumaVideoModifiers),
        PriceRule(family: "luma", model: "*", action: "add_audio", usd: "0.05"),
        PriceRule(family: "luma", model: "*", action: "modify_video", usd: "0.71", modifiers: lumaVideoModifiers),
        PriceRule(family: "luma", model: "*", action: "reframe_video", usd: "0.71", modifiers: lumaVideoModifiers),
        PriceRule(family: "luma", model: "*", action: "reframe_image", usd: "0.019"),
    ]

    /// Suno: per call, as relay platforms sell it (a music task makes two clips).
    static let suno: [PriceRule] = [
        ("music", "0.10"), ("extend", "0.10"), ("cover", "0.10"), ("infill", "0.10"), ("concat", "0.02"), ("lyrics", "0.02"),
        ("persona", "0.05"), ("stems", "0.10"), ("timing", "0.02"), ("wav", "0.02"), ("mp4", "0.05"), ("upload", "0.02"),
    ].map { PriceRule(family: "suno", model: "*", action: $0.0, usd: $0.1) }

    /// Models the gateway's families still serve that litellm's list no longer carries as current (retired there, or
    /// past its deprecation date when the providers' prices were taken): kept at the providers' list prices, so an
    /// install that used them keeps pricing them. A generated rule for the same model wins.
    static let retained: [PriceRule] =
        [
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
            PriceRule(
                family: "openai", model: "dall-e-3", action: "tokens", inputPerMillion: "0", outputPerMillion: "0",
                perImage: [
                    "standard/1024x1024": "0.04", "standard/1024x1792": "0.08", "standard/1792x1024": "0.08", "hd/1024x1024": "0.08",
                    "hd/1024x1792": "0.12", "hd/1792x1024": "0.12",
                ]),
        ]
        + [
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
