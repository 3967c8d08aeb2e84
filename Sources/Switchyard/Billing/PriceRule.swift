/// One priced combination of family, model (or `*`) and action (or `*`).
///
/// Amounts are US dollars as decimal strings ("0.50"): exact, never floats. A rule whose action is `tokens` prices
/// a relayed call by its usage, in whichever units the model is sold in; any other rule prices a call (`usd`).
public struct PriceRule: Sendable, Equatable {
    public var family: String
    public var model: String
    public var action: String
    /// The base price of a call in US dollars.
    public var usd: String
    public var modifiers: [PriceModifier]?
    /// US dollars per million input and output tokens; a `tokens` rule needs both (0 when the model sells other units).
    public var inputPerMillion: String?
    public var outputPerMillion: String?
    /// Per million input tokens read from the cache; the input price when absent.
    public var cachedInputPerMillion: String?
    /// Per million input tokens written to the cache; the input price when absent.
    public var cacheWritePerMillion: String?
    /// Per image by quality and size (see `ImagePriceVariants` for the keys).
    public var perImage: [String: String]?
    /// Per million input characters (speech).
    public var perMillionCharacters: String?
    /// Per second of audio (transcription) on a `tokens` rule; on a call rule, per second the upstream measures (a
    /// family that reports a measure, such as Replicate's `predict_time`): held for the family's most seconds and
    /// settled by the measure.
    public var perSecond: String?
    /// The operator's word that this combination costs nothing (otherwise a missing price refuses the call).
    public var free: Bool?
    /// The most output tokens the model produces in one answer: what a chat or responses call that sets no limit of
    /// its own reserves (the gateway's `defaultMaxTokens` when absent).
    public var maxOutputTokens: Int?

    /// The range a rule's `maxOutputTokens` must lie in.
    public static let maxOutputTokensRange = 1...10_000_000

    public init(
        family: String, model: String, action: String, usd: String = "0", modifiers: [PriceModifier]? = nil, inputPerMillion: String? = nil,
        outputPerMillion: String? = nil, cachedInputPerMillion: String? = nil, cacheWritePerMillion: String? = nil,
        perImage: [String: String]? = nil, perMillionCharacters: String? = nil, perSecond: String? = nil, free: Bool? = nil,
        maxOutputTokens: Int? = nil
    ) {
        self.free = free
        self.maxOutputTokens = maxOutputTokens
        self.family = family
        self.model = model
        self.action = action
        self.usd = usd
        self.modifiers = modifiers
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
        self.cacheWritePerMillion = cacheWritePerMillion
        self.perImage = perImage
        self.perMillionCharacters = perMillionCharacters
        self.perSecond = perSecond
    }

    /// Throws a validation error naming the first field that is not a valid amount, multiplier or image variant.
    public func validate() throws {
        for (field, value) in [("family", family), ("model", model), ("action", action)] where value.isEmpty || value.count > 200 {
            throw GatewayError.validation(field: field, "must be 1 to 200 characters")
        }
        guard Money.parseDollars(usd) != nil else { throw GatewayError.validation(field: "usd", "must be an amount in dollars such as \"0.50\"") }
        let usageAmounts = [
            ("input_per_million", inputPerMillion), ("output_per_million", outputPerMillion), ("cached_input_per_million", cachedInputPerMillion),
            ("cache_write_per_million", cacheWritePerMillion), ("per_million_characters", perMillionCharacters), ("per_second", perSecond),
        ]
        for (field, value) in usageAmounts {
            if let value, Money.parseDollars(value) == nil { throw GatewayError.validation(field: field, "must be an amount in dollars") }
        }
        if let perImage {
            guard perImage.count <= 100, ImagePriceVariants(perImage) != nil else {
                throw GatewayError.validation(
                    field: "per_image", "must map \"quality/size\", \"size\", \"quality/*\" or \"*\" (such as \"hd/1024x1792\") to dollars")
            }
        }
        // A call rule may be priced per measured second instead of per call, but by nothing else usage-like.
        let callUsage = usageAmounts.filter { $0.0 != "per_second" } + [("per_image", perImage.map { _ in "" })]
        if action != "tokens", let (field, _) = callUsage.first(where: { $0.1 != nil }) {
            throw GatewayError.validation(field: field, "usage prices belong to a rule whose action is tokens")
        }
        if action != "tokens", perSecond != nil, Money.parseDollars(usd) != 0 || modifiers?.isEmpty == false {
            throw GatewayError.validation(field: "per_second", "a per-second call price takes usd 0 and no modifiers")
        }
        if action == "tokens", free != true, inputPerMillion == nil || outputPerMillion == nil {
            throw GatewayError.validation(field: "input_per_million", "a token price needs input_per_million and output_per_million")
        }
        if let maxOutputTokens, !Self.maxOutputTokensRange.contains(maxOutputTokens) {
            throw GatewayError.validation(
                field: "max_output_tokens", "must be between \(Self.maxOutputTokensRange.lowerBound) and \(Self.maxOutputTokensRange.upperBound)")
        }
        if action != "tokens", maxOutputTokens != nil {
            throw GatewayError.validation(field: "max_output_tokens", "belongs to a rule whose action is tokens")
        }
        for modifier in modifiers ?? [] where PriceModifier.permille(modifier.multiplier) == nil {
            throw GatewayError.validation(field: "modifiers", "multiplier \(modifier.multiplier) must be a decimal with at most three places")
        }
        try PriceBounds.check(self)
    }
}

/// Stored and configured as JSON. Written with the Swift names (as the store has always held them); read with
/// either those or the admin API's snake_case names (`input_per_million`), so a configuration file can use the
/// names the README and the admin API use.
extension PriceRule: Codable {
    enum CodingKeys: String, CodingKey {
        case family, model, action, usd, modifiers, inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion, perImage
        case perMillionCharacters, perSecond, free, maxOutputTokens
    }

    enum SnakeCaseKeys: String, CodingKey {
        case inputPerMillion = "input_per_million", outputPerMillion = "output_per_million"
        case cachedInputPerMillion = "cached_input_per_million", cacheWritePerMillion = "cache_write_per_million"
        case perImage = "per_image", perMillionCharacters = "per_million_characters", perSecond = "per_second"
        case maxOutputTokens = "max_output_tokens"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let snake = try decoder.container(keyedBy: SnakeCaseKeys.self)
        func amount(_ key: CodingKeys, _ alias: SnakeCaseKeys) throws -> String? {
            try container.decodeIfPresent(String.self, forKey: key) ?? snake.decodeIfPresent(String.self, forKey: alias)
        }
        let action = try container.decode(String.self, forKey: .action)
        let free = try container.decodeIfPresent(Bool.self, forKey: .free)
        // A per-call rule must name its amount: a missing one is refused, never read as free.
        let usd =
            action == "tokens" || free == true
            ? try container.decodeIfPresent(String.self, forKey: .usd) : try container.decode(String.self, forKey: .usd)
        self.init(
            family: try container.decode(String.self, forKey: .family), model: try container.decode(String.self, forKey: .model),
            action: action, usd: usd ?? "0",
            modifiers: try container.decodeIfPresent([PriceModifier].self, forKey: .modifiers),
            inputPerMillion: try amount(.inputPerMillion, .inputPerMillion), outputPerMillion: try amount(.outputPerMillion, .outputPerMillion),
            cachedInputPerMillion: try amount(.cachedInputPerMillion, .cachedInputPerMillion),
            cacheWritePerMillion: try amount(.cacheWritePerMillion, .cacheWritePerMillion),
            perImage: try container.decodeIfPresent([String: String].self, forKey: .perImage)
                ?? snake.decodeIfPresent([String: String].self, forKey: .perImage),
            perMillionCharacters: try amount(.perMillionCharacters, .perMillionCharacters), perSecond: try amount(.perSecond, .perSecond),
            free: free,
            maxOutputTokens: try container.decodeIfPresent(Int.self, forKey: .maxOutputTokens)
                ?? snake.decodeIfPresent(Int.self, forKey: .maxOutputTokens))
    }
}
