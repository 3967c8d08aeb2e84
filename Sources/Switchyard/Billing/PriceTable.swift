/// Prices as data: rules over a call's facts (family, model, action, duration, resolution…), loaded from
/// configuration. A price is a base amount times the multipliers of every modifier whose fact matches.
public struct PriceTable: Sendable, Codable, Equatable {
    public var rules: [PriceRule]

    public init(rules: [PriceRule]) { self.rules = rules }

    /// The price of a call described by `facts` (must include `family`, `model`, `action`).
    public func quote(_ facts: [String: String]) throws -> PriceQuote {
        let family = facts["family"] ?? ""
        let model = facts["model"] ?? ""
        let action = facts["action"] ?? ""
        // Most specific rule wins: exact model and action, then a wildcard action, then a wildcard model.
        let candidates = rules.filter { $0.family == family }
        let rule =
            candidates.first { $0.model == model && $0.action == action }
            ?? candidates.first { $0.model == model && $0.action == "*" }
            ?? candidates.first { $0.model == "*" && $0.action == action }
            ?? candidates.first { $0.model == "*" && $0.action == "*" }
        guard let rule else { throw GatewayError.unpriced(model: model) }
        if rule.free == true { return PriceQuote(amountMicros: 0, detail: "\(family)/\(rule.model)/\(rule.action) free") }
        if rule.action != "tokens", let perSecond = rule.perSecond { return try meteredQuote(rule, perSecond: perSecond, facts: facts) }
        guard var amount = Money.parseDollars(rule.usd) else { throw GatewayError.internalError("Price rule for \(model) is invalid") }
        var detail = "\(family)/\(rule.model)/\(rule.action) \(rule.usd)"
        for modifier in rule.modifiers ?? [] where facts[modifier.fact] == modifier.equals {
            guard let permille = PriceModifier.permille(modifier.multiplier), let scaled = Money.scale(amount, byPermille: permille) else {
                throw GatewayError.internalError("Price modifier for \(model) is invalid")
            }
            amount = scaled
            detail += " ×\(modifier.multiplier) (\(modifier.fact)=\(modifier.equals))"
        }
        return PriceQuote(amountMicros: amount, detail: detail)
    }

    /// A per-second call price: held for the most seconds the family allows (its `seconds` fact), settled later by
    /// what the upstream measured. A family that gives no `seconds` cannot be priced per second.
    private func meteredQuote(_ rule: PriceRule, perSecond: String, facts: [String: String]) throws -> PriceQuote {
        let model = facts["model"] ?? ""
        guard let seconds = facts["seconds"].flatMap({ Int64($0) }), seconds > 0 else { throw GatewayError.unpriced(model: model) }
        guard let unit = Money.parseDollars(perSecond) else { throw GatewayError.internalError("Price rule for \(model) is invalid") }
        let (amount, overflow) = unit.multipliedReportingOverflow(by: seconds)
        guard !overflow, amount <= Ledger.maximumEntryMicros else { throw GatewayError.internalError("Price out of range") }
        let detail = "\(rule.family)/\(rule.model)/\(rule.action) per second \(perSecond), held for \(seconds) s"
        return PriceQuote(amountMicros: amount, detail: detail, meteredSeconds: seconds)
    }
}

extension PriceTable {
    /// The usage price of `model` (rules whose action is `tokens`, whichever family serves it); throws `unpriced`
    /// when none. `facts` carries an image request's `size` and `quality` (with the request's defaults applied),
    /// which select a per-image model's price; a per-image model with no price for them is unpriced.
    public func tokenPrice(model: String, facts: [String: String] = [:]) throws -> TokenPrice {
        guard let rule = rules.first(where: { $0.model == model && $0.action == "tokens" }) else { throw GatewayError.unpriced(model: model) }
        let label = "\(rule.family)/\(rule.model)"
        if rule.free == true {
            return TokenPrice(
                inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0, maxOutputTokens: rule.maxOutputTokens, detail: label + " free")
        }
        func amount(_ text: String?, default value: Int64) throws -> Int64 {
            guard let text else { return value }
            guard let micros = Money.parseDollars(text) else { throw GatewayError.unpriced(model: model) }
            return micros
        }
        guard let inputText = rule.inputPerMillion, let outputText = rule.outputPerMillion else { throw GatewayError.unpriced(model: model) }
        let input = try amount(inputText, default: 0)
        let output = try amount(outputText, default: 0)
        let cached = try amount(rule.cachedInputPerMillion, default: input)
        let cacheWrite = try amount(rule.cacheWritePerMillion, default: input)
        let perCharacters = try amount(rule.perMillionCharacters, default: 0)
        let perSecond = try amount(rule.perSecond, default: 0)
        var detail = "\(label) per 1M tokens: in \(Money.format(input)) out \(Money.format(output)) cached \(Money.format(cached))"
        if cacheWrite != input { detail += " cache write \(Money.format(cacheWrite))" }
        var perImage: Int64 = 0
        if let map = rule.perImage, !map.isEmpty {
            guard let image = ImagePriceVariants(map)?.price(quality: facts["quality"], size: facts["size"]) else {
                throw GatewayError.unpriced(model: model)
            }
            perImage = image.micros
            detail += "; per image \(Money.format(image.micros)) (\(image.key))"
        }
        if perCharacters > 0 { detail += "; per 1M characters \(Money.format(perCharacters))" }
        if perSecond > 0 { detail += "; per second \(Money.format(perSecond))" }
        return TokenPrice(
            inputPerMillion: input, outputPerMillion: output, cachedInputPerMillion: cached, cacheWritePerMillion: cacheWrite, perImage: perImage,
            perMillionCharacters: perCharacters, perSecond: perSecond, maxOutputTokens: rule.maxOutputTokens, detail: detail)
    }
}

/// Multiplies a price when one fact of the call has one value (`duration` = `9s` → ×1.8).
public struct PriceModifier: Sendable, Codable, Equatable {
    public var fact: String
    public var equals: String
    /// A decimal string with at most three decimals ("1.8", "0.5").
    public var multiplier: String

    public init(fact: String, equals: String, multiplier: String) {
        self.fact = fact
        self.equals = equals
        self.multiplier = multiplier
    }

    static func permille(_ text: String) -> Int64? {
        guard let micros = Money.parseDollars(text), micros % 1000 == 0 else { return nil }
        return micros / 1000
    }

    /// 800 → "0.8", 1250 → "1.25".
    static func format(permille: Int64) -> String {
        var text = Money.format(permille * 1000)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// A computed price and the rule that produced it (recorded on the ledger).
public struct PriceQuote: Sendable, Equatable {
    public let amountMicros: Int64
    public let detail: String
    /// For a per-second price: the seconds `amountMicros` holds for, which the measured seconds settle against.
    public var meteredSeconds: Int64? = nil

    /// The quote times a group's multiplier (thousandths); throws on overflow.
    public func scaled(byPermille permille: Int64, group: String) throws -> PriceQuote {
        guard permille != 1000 else { return self }
        guard let amount = Money.scale(amountMicros, byPermille: permille) else { throw GatewayError.internalError("Price out of range") }
        return PriceQuote(
            amountMicros: amount, detail: detail + " ×\(PriceModifier.format(permille: permille)) (group \(group))", meteredSeconds: meteredSeconds)
    }
}
