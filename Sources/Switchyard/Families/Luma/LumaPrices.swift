/// Luma's default prices: list prices of Luma's API per generation (5 s, 720p baseline; 9 s and other resolutions
/// scale it).
enum LumaPrices {
    static let videoModifiers = [
        PriceModifier(fact: "duration", equals: "9s", multiplier: "1.8"),
        PriceModifier(fact: "resolution", equals: "540p", multiplier: "0.5"),
        PriceModifier(fact: "resolution", equals: "1080p", multiplier: "2.25"),
        PriceModifier(fact: "resolution", equals: "4k", multiplier: "9"),
    ]

    static let rules: [PriceRule] = [
        PriceRule(family: "luma", model: "ray-2", action: "video", usd: "0.71", modifiers: videoModifiers),
        PriceRule(family: "luma", model: "ray-flash-2", action: "video", usd: "0.24", modifiers: videoModifiers),
        PriceRule(family: "luma", model: "ray-1-6", action: "video", usd: "0.50", modifiers: videoModifiers),
        PriceRule(family: "luma", model: "photon-1", action: "image", usd: "0.019"),
        PriceRule(family: "luma", model: "photon-flash-1", action: "image", usd: "0.005"),
        PriceRule(family: "luma", model: "*", action: "upscale_video", usd: "0.30", modifiers: videoModifiers),
        PriceRule(family: "luma", model: "*", action: "add_audio", usd: "0.05"),
        PriceRule(family: "luma", model: "*", action: "modify_video", usd: "0.71", modifiers: videoModifiers),
        PriceRule(family: "luma", model: "*", action: "reframe_video", usd: "0.71", modifiers: videoModifiers),
        PriceRule(family: "luma", model: "*", action: "reframe_image", usd: "0.019"),
    ]
}
