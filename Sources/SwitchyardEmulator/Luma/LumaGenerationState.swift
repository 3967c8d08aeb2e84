/// The lifecycle state of a Luma generation, as reported in `state`.
enum LumaGenerationState: String, Sendable {
    case queued
    case dreaming
    case completed
    case failed
}
