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
        let rule = rules.first { $0.model == model && $0.action == "tokens" }
        guard let rule, let input = rule.inputPerMillion.flatMap(Money.parseDollars), let output = rule.outputPerMillion.flatMap(Money.parseDollars)
        else { throw GatewayError.unpriced(model: model) }
        let cached = rule.cachedInputPerMillion.flatMap(Money.parseDollars) ?? input
        return TokenPrice(inputPerMillion: input, outputPerMillion: output, cachedInputPerMillion: cached)
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

    public init(
        family: String, model: String, action: String, usd: String = "0", modifiers: [PriceModifier]? = nil, inputPerMillion: String? = nil,
        outputPerMillion: String? = nil, cachedInputPerMillion: String? = nil
    ) {
        self.family = family
        self.model = model
        self.action = action
        self.usd = usd
        self.modifiers = modifiers
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
    }
}

/// Per-token prices of one model, in micro-dollars per million tokens.
public struct TokenPrice: Sendable, Equatable {
    public let inputPerMillion: Int64
    public let outputPerMillion: Int64
    public let cachedInputPerMillion: Int64

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
}

/// A computed price and the rule that produced it (recorded on the ledger).
public struct PriceQuote: Sendable, Equatable {
    public let amountMicros: Int64
    public let detail: String
}
