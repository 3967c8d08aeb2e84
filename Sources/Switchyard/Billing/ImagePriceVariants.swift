/// The per-image prices of one model by quality and size, as a price rule's `per_image` map gives them:
/// `"hd/1024x1792": "0.12"` (that quality at that size), `"1024x1024": "0.04"` (that size, any quality),
/// `"hd/*"` (that quality, any size) or `"*"` (any image).
///
/// A call's image is priced by the most specific entry matching its quality and size (a wildcard matches any). When
/// none matches, a value no entry names (`auto`, or none given) lets the provider choose, so the call is priced at
/// the dearest entry the other value allows; a call still unmatched is unpriced (refused), never free.
struct ImagePriceVariants: Sendable, Equatable {
    struct Variant: Sendable, Equatable {
        /// nil: any quality (any size).
        let quality: String?
        let size: String?
        let micros: Int64
        let key: String
    }

    let variants: [Variant]

    /// nil when a key is not `quality/size`, `size`, `quality/*` or `*`, or an amount is not dollars.
    init?(_ map: [String: String]) {
        var variants: [Variant] = []
        for (key, amount) in map.sorted(by: { $0.key < $1.key }) {
            guard let (quality, size) = Self.parse(key: key), let micros = Money.parseDollars(amount) else { return nil }
            variants.append(Variant(quality: quality, size: size, micros: micros, key: key))
        }
        self.variants = variants
    }

    /// The price of one image of `quality` and `size`, and the key that priced it; nil when no entry matches.
    func price(quality: String?, size: String?) -> (micros: Int64, key: String)? {
        if let exact = dearestMostSpecific(quality: quality, size: size) { return exact }
        // No entry names the value or is a wildcard for it: a value no entry names ("auto", none) is any value.
        let named = { (value: String?, names: [String?]) in value.flatMap { names.contains($0) ? $0 : nil } }
        let quality = named(quality, variants.map(\.quality))
        let size = named(size, variants.map(\.size))
        guard quality == nil || size == nil else { return nil }
        return dearestMostSpecific(quality: quality, size: size, unknownMatchesAny: true)
    }

    /// Among the entries matching `quality` and `size` (wildcards match anything; with `unknownMatchesAny`, a nil
    /// value matches any entry), the dearest of those naming the most of the two.
    private func dearestMostSpecific(quality: String?, size: String?, unknownMatchesAny: Bool = false) -> (micros: Int64, key: String)? {
        func matches(_ entry: String?, _ value: String?) -> Bool { entry == nil || entry == value || (unknownMatchesAny && value == nil) }
        func specificity(_ variant: Variant) -> Int {
            (variant.quality != nil && variant.quality == quality ? 1 : 0) + (variant.size != nil && variant.size == size ? 1 : 0)
        }
        let matching = variants.filter { matches($0.quality, quality) && matches($0.size, size) }
        guard let best = matching.map(specificity).max(),
            let chosen = matching.filter({ specificity($0) == best }).max(by: { $0.micros < $1.micros })
        else { return nil }
        return (chosen.micros, chosen.key)
    }

    /// "hd/1024x1792" → ("hd", "1024x1792"); "1024x1024" → (nil, "1024x1024"); "hd/*" → ("hd", nil); "*" → (nil, nil).
    static func parse(key: String) -> (quality: String?, size: String?)? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1 where parts[0] == "*": return (nil, nil)
        case 1 where isSize(parts[0]): return (nil, parts[0])
        case 2 where isQuality(parts[0]) && (parts[1] == "*" || isSize(parts[1])):
            return (parts[0] == "*" ? nil : parts[0], parts[1] == "*" ? nil : parts[1])
        default: return nil
        }
    }

    private static func isSize(_ text: String) -> Bool {
        let sides = text.split(separator: "x", omittingEmptySubsequences: false)
        return sides.count == 2 && sides.allSatisfy { !$0.isEmpty && $0.count <= 5 && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    private static func isQuality(_ text: String) -> Bool {
        text == "*"
            || (!text.isEmpty && text.count <= 30 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") })
    }
}
