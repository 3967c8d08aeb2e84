/// Ideogram's default prices: its API list prices per output image (ideogram.ai/features/api-pricing), times
/// `num_images`; 3.0 is priced by `rendering_speed` (DEFAULT the base, TURBO half, QUALITY one and a half). An
/// image Ideogram marks unsafe is still delivered and costs the same.
enum IdeogramPrices {
    /// `num_images` 2…8 multiplies the price of one image.
    static let perImage = (2...8).map { PriceModifier(fact: "num_images", equals: "\($0)", multiplier: "\($0)") }
    /// 3.0's speeds around its DEFAULT price of $0.06: TURBO $0.03, QUALITY $0.09.
    static let speeds = [
        PriceModifier(fact: "rendering_speed", equals: "TURBO", multiplier: "0.5"),
        PriceModifier(fact: "rendering_speed", equals: "QUALITY", multiplier: "1.5"),
    ]

    /// Legacy model → dollars per image.
    static let legacy: [(model: String, usd: String)] = [
        ("V_1", "0.06"), ("V_1_TURBO", "0.02"), ("V_2", "0.08"), ("V_2_TURBO", "0.05"), ("V_2A", "0.04"), ("V_2A_TURBO", "0.025"),
    ]

    static let rules: [PriceRule] =
        legacy.map { PriceRule(family: "ideogram", model: $0.model, action: "*", usd: $0.usd, modifiers: perImage) } + [
            PriceRule(family: "ideogram", model: "V_3", action: "*", usd: "0.06", modifiers: speeds + perImage),
            PriceRule(family: "ideogram", model: "*", action: IdeogramAction.upscale.rawValue, usd: "0.06", modifiers: perImage),
            PriceRule(family: "ideogram", model: "*", action: IdeogramAction.describe.rawValue, usd: "0.01"),
        ]
}
