/// Midjourney's speed tiers as data: each tier is a model (channels serving it form the tier's channel group and
/// its prices are the tier's), and the tier a call without a speed prefix gets.
public struct MidjourneySettings: Sendable, Equatable {
    /// Every tier, by the model name channels serve and prices name.
    public var tiers = ["mj-fast", "mj-relax", "mj-turbo"]
    /// The tier of a new task called at `/mj/...` without a prefix.
    public var defaultTier = "mj-fast"
    /// Words a prompt may not contain, checked before anything is held (the upstream keeps its own list too).
    public var bannedWords: [String] = []

    public init() {}
}

extension MidjourneySettings {
    /// The configuration keys Midjourney reads.
    static let keys = ["midjourney.default_tier", "midjourney.banned_words"]

    /// The defaults, with the operator's `midjourney.*` keys applied (an unknown tier keeps the default).
    init(_ settings: FamilySettings) {
        self.init()
        if let tier = settings["midjourney.default_tier"], tiers.contains(tier) { defaultTier = tier }
        if let words = settings["midjourney.banned_words"] {
            bannedWords = words.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        }
    }

    /// The tier model of a speed prefix (`mj-relax`), nil for a path without one.
    func tier(ofPrefix prefix: String?) -> String? {
        prefix.flatMap { tiers.contains($0) ? $0 : nil }
    }
}
