/// The price table a fresh install charges with until the operator configures its own.
///
/// Luma: list prices of Luma's API per generation (5 s, 720p baseline; 9 s and other resolutions scale it).
public enum DefaultPrices {
    public static let table = PriceTable(rules: luma + suno + openAI + anthropic)

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

    /// OpenAI list prices per million tokens (input, output, cached input).
    static let openAI: [PriceRule] = [
        ("gpt-4o", "2.50", "10.00", "1.25"), ("gpt-4o-mini", "0.15", "0.60", "0.075"), ("gpt-4.1", "2.00", "8.00", "0.50"),
        ("gpt-4.1-mini", "0.40", "1.60", "0.10"), ("o3-mini", "1.10", "4.40", "0.55"), ("text-embedding-3-small", "0.02", "0", "0.02"),
        ("text-embedding-3-large", "0.13", "0", "0.13"), ("gpt-image-1", "5.00", "40.00", "1.25"), ("dall-e-3", "0", "0", "0"),
        ("tts-1", "15.00", "0", "15.00"), ("whisper-1", "6.00", "0", "6.00"),
    ].map { PriceRule(family: "openai", model: $0.0, action: "tokens", inputPerMillion: $0.1, outputPerMillion: $0.2, cachedInputPerMillion: $0.3) }

    /// Anthropic list prices per million tokens (input, output, cache read).
    static let anthropic: [PriceRule] = [
        ("claude-3-5-haiku-latest", "0.80", "4.00", "0.08"), ("claude-3-5-sonnet-latest", "3.00", "15.00", "0.30"),
        ("claude-sonnet-4-20250514", "3.00", "15.00", "0.30"), ("claude-opus-4-1-20250805", "15.00", "75.00", "1.50"),
        ("claude-3-haiku-20240307", "0.25", "1.25", "0.03"),
    ].map {
        PriceRule(family: "anthropic", model: $0.0, action: "tokens", inputPerMillion: $0.1, outputPerMillion: $0.2, cachedInputPerMillion: $0.3)
    }
}
