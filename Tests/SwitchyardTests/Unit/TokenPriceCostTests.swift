import Testing
@testable import Switchyard

/// What a call costs from its metered usage: every unit at its own price, rounded up once, and never a trap.
@Suite struct TokenPriceCostTests {
    /// claude-sonnet-4-5 by default: in 3.00, out 15.00, cache read 0.30, cache write 3.75 per million tokens.
    let sonnet = TokenPrice(inputPerMillion: 3_000_000, outputPerMillion: 15_000_000, cachedInputPerMillion: 300_000, cacheWritePerMillion: 3_750_000)

    @Test func anthropicCacheReadsAndWritesArePricedAtTheirOwnPrices() {
        // 10,000 input tokens: 6,000 read from the cache, 2,000 written to it, 2,000 plain; 1,000 out.
        let usage = MeteredUsage(input: 10_000, cacheRead: 6_000, cacheWrite: 2_000, output: 1_000)
        // 2,000 × 3.00 + 6,000 × 0.30 + 2,000 × 3.75 + 1,000 × 15.00 per million = $0.0303.
        #expect(sonnet.cost(usage) == 30_300)
        // Without caching the same tokens cost 10,000 × 3.00 + 1,000 × 15.00 = $0.045.
        #expect(sonnet.cost(MeteredUsage(input: 10_000, output: 1_000)) == 45_000)
    }

    @Test func openAICachedTokensArePricedAtTheCachedPrice() throws {
        let mini = try DefaultPrices.table.tokenPrice(model: "gpt-4o-mini")
        // prompt_tokens 1,000 of which cached_tokens 400: 600 × 0.15 + 400 × 0.075 + 100 × 0.60 per million = 180 µ$.
        #expect(mini.cost(MeteredUsage(input: 1_000, cacheRead: 400, output: 100)) == 180)
        #expect(mini.cost(MeteredUsage(input: 1_000, output: 100)) == 210)
    }

    @Test func aCostIsRoundedUpToTheMicroDollarOnce() {
        let mini = TokenPrice(inputPerMillion: 150_000, outputPerMillion: 600_000, cachedInputPerMillion: 75_000)
        #expect(mini.cost(MeteredUsage(input: 1)) == 1)
        #expect(mini.cost(MeteredUsage()) == 0)
        // 3 × 0.15 + 3 × 0.075 = 0.675 µ$: one rounding of the sum, not one per unit (which would give 2).
        #expect(mini.cost(MeteredUsage(input: 6, cacheRead: 3)) == 1)
    }

    @Test func imagesCharactersAndSecondsArePricedPerUnit() {
        let image = TokenPrice(inputPerMillion: 5_000_000, outputPerMillion: 0, cachedInputPerMillion: 5_000_000, perImage: 120_000)
        // Two images at $0.12 and a 10-token prompt at $5 per million.
        #expect(image.cost(MeteredUsage(input: 10, images: 2)) == 240_050)
        let speech = TokenPrice(inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0, perMillionCharacters: 15_000_000)
        #expect(speech.cost(MeteredUsage(characters: 1_000)) == 15_000)
        #expect(speech.cost(MeteredUsage(characters: 1)) == 15)
        let transcription = TokenPrice(inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0, perSecond: 100)
        #expect(transcription.cost(MeteredUsage(seconds: 61)) == 6_100)
    }

    @Test func negativeCountsCountAsZero() {
        #expect(sonnet.cost(MeteredUsage(input: -5, cacheRead: -1, cacheWrite: .min, output: -1, images: -3, characters: -7, seconds: .min)) == 0)
        // More cache reads than input tokens: the plain input is 0, never negative.
        #expect(sonnet.cost(MeteredUsage(input: 10, cacheRead: 20)) == 6)
    }

    @Test func overflowIsNilNeverATrap() {
        #expect(sonnet.cost(MeteredUsage(output: .max)) == nil)
        #expect(sonnet.cost(MeteredUsage(input: .max, cacheRead: .max, cacheWrite: .max)) == nil)
        // The product fits, but adding the rounding does not.
        let micro = TokenPrice(inputPerMillion: 1, outputPerMillion: 0, cachedInputPerMillion: 0)
        #expect(micro.cost(MeteredUsage(input: .max)) == nil)
        // Per-unit products, and the sum of the two parts.
        let image = TokenPrice(inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0, perImage: .max)
        #expect(image.cost(MeteredUsage(images: 2)) == nil)
        #expect(image.cost(MeteredUsage(images: 1)) == .max)
        let both = TokenPrice(inputPerMillion: 1_000_000, outputPerMillion: 0, cachedInputPerMillion: 0, perSecond: .max)
        #expect(both.cost(MeteredUsage(input: 1, seconds: 1)) == nil)
        // A unit priced at 0 costs nothing whatever its count.
        #expect(TokenPrice(inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0).cost(MeteredUsage(input: .max, output: .max)) == 0)
    }

    /// Every boundary count in every field, against a 128-bit reference: the same answer when it fits, nil when not.
    @Test func boundaryCountsMatchAWideReference() {
        let counts = [Int.min, -1, 0, 1, 999_999, 1 << 40, Int.max]
        let prices: [TokenPrice] = [
            sonnet, TokenPrice(inputPerMillion: 1, outputPerMillion: .max, cachedInputPerMillion: 0, perImage: 40_000, perSecond: .max),
            TokenPrice(
                inputPerMillion: .max, outputPerMillion: .max, cachedInputPerMillion: .max, cacheWritePerMillion: .max, perImage: .max,
                perMillionCharacters: .max, perSecond: .max),
        ]
        var checked = 0
        for price in prices {
            for input in counts {
                for cacheRead in counts {
                    for output in counts {
                        for images in counts {
                            let usage = MeteredUsage(
                                input: input, cacheRead: cacheRead, cacheWrite: images, output: output, images: images, characters: output,
                                seconds: cacheRead)
                            #expect(price.cost(usage) == Self.reference(price, usage))
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 3 * 7 * 7 * 7 * 7)
    }

    @Test func aGroupMultiplierScalesEveryUnit() {
        let price = TokenPrice(
            inputPerMillion: 1_000, outputPerMillion: 2_000, cachedInputPerMillion: 100, cacheWritePerMillion: 1_250, perImage: 40_000,
            perMillionCharacters: 15_000_000, perSecond: 100
        ).scaled(byPermille: 800, group: "vip")
        #expect(
            [price.inputPerMillion, price.outputPerMillion, price.cachedInputPerMillion, price.cacheWritePerMillion, price.perImage]
                == [800, 1_600, 80, 1_000, 32_000])
        #expect(price.perMillionCharacters == 12_000_000 && price.perSecond == 80)
        #expect(price.detail.hasSuffix("×0.8 (group vip)"))
    }

    /// The cost computed in 128 bits; nil when it does not fit an Int64.
    static func reference(_ price: TokenPrice, _ usage: MeteredUsage) -> Int64? {
        func count(_ value: Int) -> Int128 { Int128(max(0, value)) }
        let limit = Int128(Int64.max)
        // Each product fits 128 bits; one over the limit makes the whole over it (no term is negative).
        func sum(_ terms: [(Int128, Int64)]) -> Int128? {
            var total: Int128 = 0
            for (count, price) in terms {
                let product = count * Int128(price)
                guard product <= limit else { return nil }
                total += product
            }
            return total
        }
        let input = count(usage.input)
        let read = count(usage.cacheRead)
        let write = count(usage.cacheWrite)
        guard
            let scaled = sum([
                (max(0, input - read - write), price.inputPerMillion), (read, price.cachedInputPerMillion), (write, price.cacheWritePerMillion),
                (count(usage.output), price.outputPerMillion), (count(usage.characters), price.perMillionCharacters),
            ]), let units = sum([(count(usage.images), price.perImage), (count(usage.seconds), price.perSecond)]),
            scaled + 999_999 <= limit, units <= limit
        else { return nil }
        let total = (scaled + 999_999) / 1_000_000 + units
        return total <= limit ? Int64(total) : nil
    }
}
