/// Suno model versions and what each can do, as data: a call outside a model's actions is refused before anything
/// is held.
public struct SunoSettings: Sendable, Equatable {
    public var defaultModel = "chirp-v4"
    public var models: [SunoModelRule] = [
        SunoModelRule(model: "chirp-v3-5", actions: SunoModelRule.common),
        SunoModelRule(model: "chirp-v4", actions: SunoModelRule.common),
        SunoModelRule(model: "chirp-auk", actions: SunoModelRule.common.union(["stems", "timing", "mp4"])),
        SunoModelRule(model: "chirp-bluejay", actions: SunoModelRule.common),
        SunoModelRule(model: "chirp-crow", actions: SunoModelRule.common),
    ]

    public init() {}

    public var modelNames: [String] { models.map(\.model) }

    /// Whether `model` may perform `action`; unknown models may do nothing.
    public func allows(_ action: SunoAction, on model: String) -> Bool {
        models.first { $0.model == model }?.actions.contains(action.rawValue) ?? false
    }
}

/// One Suno model version and the actions (price names) it supports.
public struct SunoModelRule: Sendable, Equatable {
    public var model: String
    public var actions: Set<String>

    public init(model: String, actions: Set<String>) {
        self.model = model
        self.actions = actions
    }

    public static let common: Set<String> = ["music", "extend", "cover", "infill", "concat", "persona", "wav"]
}
