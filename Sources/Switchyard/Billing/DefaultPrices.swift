/// The price table a fresh install charges with until the operator configures its own.
///
/// Luma: list prices of Luma's API per generation (5 s, 720p baseline; 9 s and other resolutions scale it).
public enum DefaultPrices {
    public static let table = PriceTable(rules: luma + suno)

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
}
