/// Kling's default prices, as relay platforms sell Kling's API: a 5-second video in `std` mode per model, with `pro`
/// mode and 10 seconds scaling it; images per image (`n` scales it); try-on, lip-sync and extensions per call.
enum KlingPrices {
    /// `pro` costs 1.75 × `std`; 10 seconds twice 5.
    static let videoModifiers = [
        PriceModifier(fact: "mode", equals: "pro", multiplier: "1.75"),
        PriceModifier(fact: "duration", equals: "10", multiplier: "2"),
    ]
    /// The master models have one quality: only the duration scales them.
    static let durationModifiers = [PriceModifier(fact: "duration", equals: "10", multiplier: "2")]
    /// `n` images cost `n` times one.
    static let countModifiers = (2...9).map { PriceModifier(fact: "n", equals: String($0), multiplier: String($0)) }

    /// A 5-second `std` video by model.
    static let videoPrices: [(model: String, usd: String, modes: Bool)] = [
        ("kling-v1", "0.14", true), ("kling-v1-5", "0.14", true), ("kling-v1-6", "0.14", true), ("kling-v2-master", "0.70", false),
        ("kling-v2-1", "0.28", true), ("kling-v2-1-master", "0.70", false), ("kling-v2-5-turbo", "0.21", true),
    ]

    static let rules: [PriceRule] =
        videoPrices.flatMap { price in
            [KlingTaskKind.text2video, .image2video].map { kind in
                PriceRule(
                    family: "kling", model: price.model, action: kind.action, usd: price.usd,
                    modifiers: price.modes ? videoModifiers : durationModifiers)
            }
        } + [
            PriceRule(family: "kling", model: "*", action: KlingTaskKind.videoExtend.action, usd: "0.28"),
            PriceRule(family: "kling", model: "*", action: KlingTaskKind.lipSync.action, usd: "0.07"),
            PriceRule(family: "kling", model: "*", action: KlingTaskKind.effects.action, usd: "0.28", modifiers: durationModifiers),
            PriceRule(family: "kling", model: "kling-v1", action: KlingTaskKind.image.action, usd: "0.0035", modifiers: countModifiers),
            PriceRule(family: "kling", model: "kling-v1-5", action: KlingTaskKind.image.action, usd: "0.014", modifiers: countModifiers),
            PriceRule(family: "kling", model: "kling-v2", action: KlingTaskKind.image.action, usd: "0.014", modifiers: countModifiers),
            PriceRule(family: "kling", model: "*", action: KlingTaskKind.virtualTryOn.action, usd: "0.07"),
        ]
}
