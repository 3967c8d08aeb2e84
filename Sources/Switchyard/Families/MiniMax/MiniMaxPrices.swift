/// MiniMax's default prices per video: the list price of 6 s at the model's default resolution, scaled by duration
/// and resolution (Hailuo-02 and 2.3: 768P 6 s $0.28, 10 s $0.56, 1080P 6 s $0.49, 512P 6 s ≈ $0.10).
enum MiniMaxPrices {
    private static let hailuoModifiers = [
        PriceModifier(fact: "duration", equals: "10s", multiplier: "2"),
        PriceModifier(fact: "resolution", equals: "1080P", multiplier: "1.75"),
        PriceModifier(fact: "resolution", equals: "512P", multiplier: "0.357"),
    ]

    static let rules: [PriceRule] = [
        PriceRule(family: "minimax", model: "MiniMax-Hailuo-2.3", action: MiniMaxFamily.videoAction, usd: "0.28", modifiers: hailuoModifiers),
        PriceRule(family: "minimax", model: "MiniMax-Hailuo-02", action: MiniMaxFamily.videoAction, usd: "0.28", modifiers: hailuoModifiers),
        PriceRule(
            family: "minimax", model: "MiniMax-Hailuo-2.3-Fast", action: MiniMaxFamily.videoAction, usd: "0.19",
            modifiers: [
                PriceModifier(fact: "duration", equals: "10s", multiplier: "1.684"),
                PriceModifier(fact: "resolution", equals: "1080P", multiplier: "1.737"),
            ]),
        PriceRule(family: "minimax", model: "T2V-01-Director", action: MiniMaxFamily.videoAction, usd: "0.43"),
        PriceRule(family: "minimax", model: "T2V-01", action: MiniMaxFamily.videoAction, usd: "0.43"),
        PriceRule(family: "minimax", model: "I2V-01-Director", action: MiniMaxFamily.videoAction, usd: "0.43"),
        PriceRule(family: "minimax", model: "I2V-01", action: MiniMaxFamily.videoAction, usd: "0.43"),
        PriceRule(family: "minimax", model: "I2V-01-live", action: MiniMaxFamily.videoAction, usd: "0.43"),
        PriceRule(family: "minimax", model: "S2V-01", action: MiniMaxFamily.videoAction, usd: "0.65"),
    ]
}
