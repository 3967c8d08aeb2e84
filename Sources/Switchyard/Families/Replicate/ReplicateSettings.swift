import Foundation

/// Replicate family settings: how many seconds of `predict_time` a prediction priced per second is held for.
struct ReplicateSettings: Sendable, Equatable {
    /// The hold of a per-second price covers this many seconds; the upstream's `predict_time` settles it, and a
    /// prediction that runs longer is charged the hold.
    var maxPredictSeconds: Int64 = 300

    /// The seconds an operator may set: at least one, at most a day.
    static let maxPredictSecondsRange: ClosedRange<Int64> = 1...86_400
    /// The configuration keys Replicate reads.
    static let keys = ["replicate.max_predict_seconds"]

    init() {}

    /// The defaults, with the operator's `replicate.*` keys applied (a value out of range keeps the default).
    init(_ settings: FamilySettings) {
        self.init()
        if let text = settings["replicate.max_predict_seconds"], let seconds = Int64(text.trimmingCharacters(in: .whitespaces)),
            Self.maxPredictSecondsRange.contains(seconds)
        {
            maxPredictSeconds = seconds
        }
    }
}
