/// The lifecycle state of a Luma generation, as reported in `state`.
enum LumaGenerationState: String, Sendable {
    case queued
    case dreaming
    case completed
    case failed

    /// Order along the timeline: queued, then dreaming, then one of the final states.
    var rank: Int {
        switch self {
        case .queued: 0
        case .dreaming: 1
        case .completed, .failed: 2
        }
    }
}
