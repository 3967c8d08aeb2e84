/// Pika's default prices per video (5 s at 720p; 10 s ×2, 1080p ×1.5); a pikaffect is one price whatever the model.
enum PikaPrices {
    private static let modifiers = [
        PriceModifier(fact: "duration", equals: "10s", multiplier: "2"), PriceModifier(fact: "resolution", equals: "1080p", multiplier: "1.5"),
    ]

    static let rules: [PriceRule] =
        [("2.2", "0.20"), ("2.1", "0.20"), ("2.0", "0.15"), ("1.5", "0.10")].map {
            PriceRule(family: "pika", model: $0.0, action: PikaCatalog.videoAction, usd: $0.1, modifiers: modifiers)
        } + [PriceRule(family: "pika", model: "*", action: PikaCatalog.pikaffectAction, usd: "0.25")]
}
