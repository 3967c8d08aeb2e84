/// Udio's default prices: per task (two songs), as relay platforms sell it; a 130-second model costs twice the
/// 32-second one.
enum UdioPrices {
    static let rules: [PriceRule] = [
        PriceRule(family: "udio", model: "udio32-v1.5", action: UdioFamily.generateAction, usd: "0.10"),
        PriceRule(family: "udio", model: "udio130-v1.5", action: UdioFamily.generateAction, usd: "0.20"),
    ]
}
