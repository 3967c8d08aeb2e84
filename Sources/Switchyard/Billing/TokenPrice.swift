/// The usage prices of one model, in micro-dollars: per million tokens (input, cache read, cache write, output), per
/// image, per million characters and per second. A unit the model is not priced in is 0.
public struct TokenPrice: Sendable, Equatable {
    public let inputPerMillion: Int64
    public let outputPerMillion: Int64
    /// Input tokens read from the cache.
    public let cachedInputPerMillion: Int64
    /// Input tokens written to the cache (Anthropic's prompt caching).
    public let cacheWritePerMillion: Int64
    /// One image produced, of the size and quality the call asked for.
    public let perImage: Int64
    public let perMillionCharacters: Int64
    public let perSecond: Int64
    /// The most output tokens the model produces in one answer, when its price rule says (a limit, not a price: a
    /// group multiplier leaves it as it is).
    public let maxOutputTokens: Int?
    /// The price in force, as recorded on the ledger.
    public var detail: String

    /// A price in any of the units; the ones not given are 0.
    public init(
        inputPerMillion: Int64, outputPerMillion: Int64, cachedInputPerMillion: Int64, cacheWritePerMillion: Int64 = 0, perImage: Int64 = 0,
        perMillionCharacters: Int64 = 0, perSecond: Int64 = 0, maxOutputTokens: Int? = nil, detail: String = ""
    ) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
        self.cacheWritePerMillion = cacheWritePerMillion
        self.perImage = perImage
        self.perMillionCharacters = perMillionCharacters
        self.perSecond = perSecond
        self.maxOutputTokens = maxOutputTokens
        self.detail = detail
    }

    /// The price times a group's multiplier (thousandths), every unit alike; unchanged at ×1.
    public func scaled(byPermille permille: Int64, group: String) -> TokenPrice {
        guard permille != 1000 else { return self }
        let scale = { (micros: Int64) in Money.scale(micros, byPermille: permille) ?? .max }
        return TokenPrice(
            inputPerMillion: scale(inputPerMillion), outputPerMillion: scale(outputPerMillion), cachedInputPerMillion: scale(cachedInputPerMillion),
            cacheWritePerMillion: scale(cacheWritePerMillion), perImage: scale(perImage), perMillionCharacters: scale(perMillionCharacters),
            perSecond: scale(perSecond), maxOutputTokens: maxOutputTokens,
            detail: detail + " ×\(PriceModifier.format(permille: permille)) (group \(group))")
    }

    /// The cost of a call's usage in micro-dollars, rounded up once; nil when it does not fit an Int64. Never traps,
    /// whatever the counts (negative ones count as 0). Cache reads and writes are priced at their own prices and the
    /// rest of the input at the input price.
    public func cost(_ usage: MeteredUsage) -> Int64? {
        let input = Int64(max(0, usage.input))
        let cacheRead = Int64(max(0, usage.cacheRead))
        let cacheWrite = Int64(max(0, usage.cacheWrite))
        // Both terms are non-negative, so neither subtraction can overflow.
        let uncached = max(0, max(0, input - cacheRead) - cacheWrite)
        // Per-million units summed in micro-dollars × count, divided (rounding up) once.
        let perMillion: [(Int64, Int64)] = [
            (uncached, inputPerMillion), (cacheRead, cachedInputPerMillion), (cacheWrite, cacheWritePerMillion),
            (Int64(max(0, usage.output)), outputPerMillion), (Int64(max(0, usage.characters)), perMillionCharacters),
        ]
        guard let scaled = Self.sumOfProducts(perMillion) else { return nil }
        let (roundedUp, overflow) = scaled.addingReportingOverflow(999_999)
        guard !overflow else { return nil }
        let perUnit: [(Int64, Int64)] = [(Int64(max(0, usage.images)), perImage), (Int64(max(0, usage.seconds)), perSecond)]
        guard let units = Self.sumOfProducts(perUnit) else { return nil }
        let (total, overflow2) = (roundedUp / 1_000_000).addingReportingOverflow(units)
        return overflow2 ? nil : total
    }

    /// Σ count × price; nil on overflow.
    private static func sumOfProducts(_ terms: [(count: Int64, price: Int64)]) -> Int64? {
        var total: Int64 = 0
        for (count, price) in terms {
            let (product, overflow) = count.multipliedReportingOverflow(by: price)
            guard !overflow else { return nil }
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow2 else { return nil }
            total = sum
        }
        return total
    }
}
