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
}

extension PriceTable {
    /// The per-token price of `model` (rules whose action is `tokens`, whichever family serves it); throws
    /// `unpriced` when none.
    public func tokenPrice(model: String) throws -> TokenPrice {
        guard let rule = rules.first(where: { $0.model == model && $0.action == "tokens" }) else { throw GatewayError.unpriced(model: model) }
        let label = "\(rule.family)/\(rule.model)"
        if rule.free == true { return TokenPrice(inputPerMillion: 0, outputPerMillion: 0, cachedInputPerMillion: 0, detail: label + " free") }
        guard let input = rule.inputPerMillion.flatMap(Money.parseDollars), let output = rule.outputPerMillion.flatMap(Money.parseDollars)
        else { throw GatewayError.unpriced(model: model) }
        let cached = rule.cachedInputPerMillion.flatMap(Money.parseDollars) ?? input
        return TokenPrice(
            inputPerMillion: input, outputPerMillion: output, cachedInputPerMillion: cached,
            detail: "\(label) per 1M tokens: in \(Money.format(input)) out \(Money.format(output)) cached \(Money.format(cached))")
    }
}

/// One priced combination of family, model (or `*`) and action (or `*`).
public struct PriceRule: Sendable, Codable, Equatable {
    public var family: String
    public var model: String
    public var action: String
    /// The base price in US dollars, as a decimal string ("0.50"): exact, never a float.
    public var usd: String
    public var modifiers: [PriceModifier]?
    /// Token prices in US dollars per million tokens (chat families); a rule with them prices by usage.
    public var inputPerMillion: String?
    public var outputPerMillion: String?
    public var cachedInputPerMillion: String?
    /// The operator's word that this combination costs nothing (otherwise a missing price refuses the call).
    public var free: Bool?

    public init(
        family: String, model: String, action: String, usd: String = "0", modifiers: [PriceModifier]? = nil, inputPerMillion: String? = nil,
        outputPerMillion: String? = nil, cachedInputPerMillion: String? = nil, free: Bool? = nil
    ) {
        self.free = free
        self.family = family
        self.model = model
        self.action = action
        self.usd = usd
        self.modifiers = modifiers
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
    }

    /// Throws a validation error naming the first field that is not a valid amount or multiplier.
    public func validate() throws {
        for (field, value) in [("family", family), ("model", model), ("action", action)] where value.isEmpty || value.count > 200 {
            throw GatewayError.validation(field: field, "must be 1 to 200 characters")
        }
        guard Money.parseDollars(usd) != nil else { throw GatewayError.validation(field: "usd", "must be an amount in dollars such as \"0.50\"") }
        for (field, value) in [
            ("input_per_million", inputPerMillion), ("output_per_million", outputPerMillion), ("cached_input_per_million", cachedInputPerMillion),
        ] {
            if let value, Money.parseDollars(value) == nil { throw GatewayError.validation(field: field, "must be an amount in dollars") }
        }
        if action == "tokens", free != true, inputPerMillion == nil || outputPerMillion == nil {
            throw GatewayError.validation(field: "input_per_million", "a token price needs input_per_million and output_per_million")
        }
        for modifier in modifiers ?? [] where PriceModifier.permille(modifier.multiplier) == nil {
            throw GatewayError.validation(field: "modifiers", "multiplier \(modifier.multiplier) must be a decimal with at most three places")
        }
    }
}

/// Per-token prices of one model, in micro-dollars per million tokens.
public struct TokenPrice: Sendable, Equatable {
    public let inputPerMillion: Int64
    public let outputPerMillion: Int64
    public let cachedInputPerMillion: Int64
    /// The price in force, as recorded on the ledger.
    public var detail: String = ""

    /// The price times a group's multiplier (thousandths); unchanged at ×1.
    public func scaled(byPermille permille: Int64, group: String) -> TokenPrice {
        guard permille != 1000 else { return self }
        let scale = { (micros: Int64) in Money.scale(micros, byPermille: permille) ?? .max }
        return TokenPrice(
            inputPerMillion: scale(inputPerMillion), outputPerMillion: scale(outputPerMillion), cachedInputPerMillion: scale(cachedInputPerMillion),
            detail: detail + " ×\(PriceModifier.format(permille: permille)) (group \(group))")
    }

    /// The cost of a call's usage, rounded up to the micro-dollar; nil on overflow.
    public func cost(input: Int, output: Int, cachedInput: Int = 0) -> Int64? {
        let uncached = Int64(max(0, input - cachedInput))
        var total: Int64 = 0
        for (tokens, price) in [(uncached, inputPerMillion), (Int64(output), outputPerMillion), (Int64(cachedInput), cachedInputPerMillion)] {
            let (product, overflow) = tokens.multipliedReportingOverflow(by: price)
            guard !overflow else { return nil }
            let (sum, overflow2) = total.addingReportingOverflow(product)
            guard !overflow2 else { return nil }
            total = sum
        }
        return (total + 999_999) / 1_000_000
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

    /// The quote times a group's multiplier (thousandths); throws on overflow.
    public func scaled(byPermille permille: Int64, group: String) throws -> PriceQuote {
        guard permille != 1000 else { return self }
        guard let amount = Money.scale(amountMicros, byPermille: permille) else { throw GatewayError.internalError("Price out of range") }
        return PriceQuote(amountMicros: amount, detail: detail + " ×\(PriceModifier.format(permille: permille)) (group \(group))")
    }
}
