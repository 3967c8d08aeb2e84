/// Midjourney's default prices: per call by speed tier and action, as relay platforms sell them (relax about half
/// of fast, turbo about twice); uploads are free, and queries (fetch, list, seed) are not priced calls at all.
enum MidjourneyPrices {
    /// Fast-tier prices per action, in US dollars.
    static let fast: [(MidjourneyAction, String)] = [
        (.imagine, "0.05"), (.upscale, "0.02"), (.variation, "0.05"), (.reroll, "0.05"), (.pan, "0.05"), (.zoom, "0.05"),
        (.customZoom, "0.05"), (.inpaint, "0.05"), (.blend, "0.05"), (.describe, "0.02"), (.shorten, "0.02"), (.swapFace, "0.04"),
        (.action, "0.05"), (.video, "0.30"), (.edits, "0.05"),
    ]
    /// Each tier's factor on the fast price, in hundredths.
    static let tierPercent: [(tier: String, percent: Int)] = [("mj-fast", 100), ("mj-relax", 50), ("mj-turbo", 200)]

    static let rules: [PriceRule] =
        tierPercent.flatMap { tier in
            fast.map { action, usd in
                PriceRule(family: "midjourney", model: tier.tier, action: action.priceName, usd: scaled(usd, percent: tier.percent))
            }
        } + [PriceRule(family: "midjourney", model: "*", action: MidjourneyAction.upload.priceName, free: true)]

    /// `usd` times `percent`/100, as a dollar string (exact: the table's prices have at most two decimals).
    private static func scaled(_ usd: String, percent: Int) -> String {
        let micros = (Money.parseDollars(usd) ?? 0) * Int64(percent) / 100
        return Money.format(micros)
    }
}
