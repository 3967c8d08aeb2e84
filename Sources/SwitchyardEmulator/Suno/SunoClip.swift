/// One clip held by the Suno emulator: a song, its id and the timeline of the task that makes it.
struct SunoClip: Sendable {
    /// Lowercase UUID.
    let id: String
    /// What the clip is.
    let song: SunoSong
    /// The timeline of the owning task (or a finished one for uploads and stems).
    let timeline: SunoTimeline
    /// True when the clip ends `error` instead of `complete` (the `fail` and `partial` faults).
    let endsInError: Bool

    /// The status at `now`.
    func status(at now: ContinuousClock.Instant, stepSeconds: Double) -> SunoClipStatus {
        switch timeline.phase(at: now, stepSeconds: stepSeconds) {
        case .submitted: return .submitted
        case .queued: return .queued
        case .inProgress: return .streaming
        case .finished: return endsInError ? .error : .complete
        }
    }
}
