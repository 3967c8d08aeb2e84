/// The largest prices an operator can set (admin API, `price set`, `price import`, all through
/// `PriceRule.validate`), so that no price an operator sets can make the calls it prices fail
/// with an internal error: a per-call price, through every modifier that could apply and the largest group
/// multiplier (×100), stays within one ledger entry; a token price times that multiplier stays far from overflowing.
enum PriceBounds {
    /// Ten million dollars a call: ×100 for the largest group is one ledger entry (a billion dollars).
    static let largestCallMicros = Ledger.maximumEntryMicros / 100
    /// A million dollars per million tokens (list prices are below a thousand).
    static let largestPerMillionMicros: Int64 = 1_000_000 * Money.microsPerDollar

    /// Throws a validation error naming the field whose amount is too large.
    static func check(_ rule: PriceRule) throws {
        guard rule.free != true else { return }
        for (field, value) in [
            ("input_per_million", rule.inputPerMillion), ("output_per_million", rule.outputPerMillion),
            ("cached_input_per_million", rule.cachedInputPerMillion), ("cache_write_per_million", rule.cacheWritePerMillion),
            ("per_million_characters", rule.perMillionCharacters),
        ] {
            if let value, let micros = Money.parseDollars(value), micros > largestPerMillionMicros {
                throw GatewayError.validation(field: field, "must be at most \(Money.format(largestPerMillionMicros))")
            }
        }
        // A unit price (one image, one second) may not pass what one call may cost.
        for (field, value) in [("per_second", rule.perSecond)]
            + (rule.perImage ?? [:]).sorted(by: { $0.key < $1.key }).map({ ("per_image", $0.value) })
        {
            if let micros = value.flatMap(Money.parseDollars), micros > largestCallMicros {
                throw GatewayError.validation(field: field, "must be at most \(Money.format(largestCallMicros))")
            }
        }
        guard var amount = Money.parseDollars(rule.usd) else { return }
        let limit = Money.format(largestCallMicros)
        // Only multipliers above ×1 raise the price; any of them may apply to one call, so all are counted.
        for modifier in rule.modifiers ?? [] {
            guard let permille = PriceModifier.permille(modifier.multiplier), permille > 1000 else { continue }
            guard let scaled = Money.scale(amount, byPermille: permille), scaled <= largestCallMicros else {
                throw GatewayError.validation(field: "modifiers", "usd times the multipliers must be at most \(limit)")
            }
            amount = scaled
        }
        guard amount <= largestCallMicros else { throw GatewayError.validation(field: "usd", "must be at most \(limit)") }
    }
}
