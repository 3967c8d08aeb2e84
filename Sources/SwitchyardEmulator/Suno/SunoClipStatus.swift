/// The `status` of a clip.
enum SunoClipStatus: String, Sendable {
    case submitted
    case queued
    case streaming
    case complete
    case error
}
