/// What importing price rules would change in the prices in force: the rules to add, the ones to change (with the
/// price they replace), and how many are already in force as they are.
public struct PriceImportPlan: Sendable, Equatable {
    /// An imported rule that replaces a different price for the same family, model and action.
    public struct Change: Sendable, Equatable {
        public let old: PriceRule
        public let new: PriceRule
    }

    public let added: [PriceRule]
    public let changed: [Change]
    public let unchanged: Int

    /// Compares `imported` with the rules in force (`current`: the configured table overlaid with operators' edits).
    /// Amounts are compared by value, so "2.5" and "2.50" are the same price.
    public init(importing imported: [PriceRule], current: PriceTable) {
        var added: [PriceRule] = []
        var changed: [Change] = []
        var unchanged = 0
        for rule in imported {
            let existing = current.rules.first { $0.family == rule.family && $0.model == rule.model && $0.action == rule.action }
            if let existing {
                if Self.samePrice(existing, rule) { unchanged += 1 } else { changed.append(Change(old: existing, new: rule)) }
            } else {
                added.append(rule)
            }
        }
        self.added = added
        self.changed = changed
        self.unchanged = unchanged
    }

    /// The rules an import writes: the added and the changed ones.
    public var rulesToWrite: [PriceRule] { added + changed.map(\.new) }

    static func samePrice(_ a: PriceRule, _ b: PriceRule) -> Bool { normalized(a) == normalized(b) }

    /// The rule with every amount written one way (Money.format), and absent optional lists as nil.
    static func normalized(_ rule: PriceRule) -> PriceRule {
        let amount = { (text: String?) in text.map { Money.parseDollars($0).map(Money.format) ?? $0 } }
        var rule = rule
        rule.usd = amount(rule.usd) ?? rule.usd
        rule.inputPerMillion = amount(rule.inputPerMillion)
        rule.outputPerMillion = amount(rule.outputPerMillion)
        rule.cachedInputPerMillion = amount(rule.cachedInputPerMillion)
        rule.cacheWritePerMillion = amount(rule.cacheWritePerMillion)
        rule.perMillionCharacters = amount(rule.perMillionCharacters)
        rule.perSecond = amount(rule.perSecond)
        rule.perImage = rule.perImage.flatMap { $0.isEmpty ? nil : $0.mapValues { amount($0) ?? $0 } }
        rule.modifiers = rule.modifiers.flatMap { $0.isEmpty ? nil : $0 }
        if rule.free == false { rule.free = nil }
        return rule
    }
}
