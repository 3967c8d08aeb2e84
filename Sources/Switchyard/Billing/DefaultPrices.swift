/// The price table a fresh install charges with until the operator configures its own: every family's
/// `defaultPrices`, in the order of `FamilyModules.all`.
///
/// OpenAI and Anthropic: generated from litellm's price list (`providers`, see `providersSource`), plus the models
/// it no longer carries (each family's retained list); a generated rule for the same model wins.
public enum DefaultPrices {
    public static let table = PriceTable(rules: FamilyModules.defaultPrices)

    /// The generated rules of `family`, then those of `retained` that litellm's list does not carry.
    static func providerRules(family: String, retained: [PriceRule]) -> [PriceRule] {
        let generated = providers.filter { $0.family == family }
        return generated + retained.filter { rule in !generated.contains { $0.model == rule.model } }
    }
}
