/// Runway's default prices, from its credit list (1 credit = $0.01): a video costs its model's price per second
/// times its seconds (the `duration` fact), an image its resolution's price.
enum RunwayPrices {
    /// Micro-dollars in one Runway credit.
    static let microsPerCredit: Int64 = 10_000

    /// The output lengths a model's calls are priced for, each a multiplier of the per-second base price.
    static func seconds(_ lengths: [Int]) -> [PriceModifier] {
        lengths.map { PriceModifier(fact: "duration", equals: String($0), multiplier: String($0)) }
    }

    /// The lengths of a call whose output follows an input video: the one it is priced for.
    static func pricedSeconds(_ model: String) -> [PriceModifier] {
        seconds(RunwayCatalog.pricedSeconds[model].map { [$0] } ?? [])
    }

    static let rules: [PriceRule] = [
        PriceRule(family: "runway", model: "gen4_turbo", action: "image_to_video", usd: "0.05", modifiers: seconds(RunwayCatalog.durations)),
        PriceRule(family: "runway", model: "gen3a_turbo", action: "image_to_video", usd: "0.05", modifiers: seconds(RunwayCatalog.durations)),
        PriceRule(family: "runway", model: "gen4_aleph", action: "video_to_video", usd: "0.15", modifiers: pricedSeconds("gen4_aleph")),
        PriceRule(family: "runway", model: "act_two", action: "character_performance", usd: "0.05", modifiers: pricedSeconds("act_two")),
        PriceRule(family: "runway", model: "upscale_v1", action: "video_upscale", usd: "0.02", modifiers: pricedSeconds("upscale_v1")),
        PriceRule(
            family: "runway", model: "gen4_image", action: "text_to_image", usd: "0.05",
            modifiers: [PriceModifier(fact: "resolution", equals: "1080p", multiplier: "1.6")]),
        PriceRule(family: "runway", model: "gen4_image_turbo", action: "text_to_image", usd: "0.02"),
    ]
}
