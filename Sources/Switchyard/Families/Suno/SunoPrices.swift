/// Suno's default prices.
enum SunoPrices {
    /// Suno: per call, as relay platforms sell it (a music task makes two clips).
    static let rules: [PriceRule] = [
        ("music", "0.10"), ("extend", "0.10"), ("cover", "0.10"), ("infill", "0.10"), ("concat", "0.02"), ("lyrics", "0.02"),
        ("persona", "0.05"), ("stems", "0.10"), ("timing", "0.02"), ("wav", "0.02"), ("mp4", "0.05"), ("upload", "0.02"),
    ].map { PriceRule(family: "suno", model: "*", action: $0.0, usd: $0.1) }
}
