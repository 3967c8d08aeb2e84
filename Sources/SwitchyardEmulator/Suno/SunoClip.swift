/// One clip held by the Suno emulator: a song, its id and the timeline of the task that makes it.
struct SunoClip: Sendable {
    /// Lowercase UUID.
    let id: String
    /// What the clip is.
    let song: SunoSong
    /// The timeline of the owning task (or a finished one for uploads and stems).
    let timeline: EmulatorTimeline
    /// True when the clip ends `error` instead of `complete` (the `fail` and `partial` faults).
    let endsInError: Bool

    /// The status at `now`.
    func status(at now: EmulatorInstant, stepSeconds: Double) -> SunoClipStatus {
        switch timeline.phase(at: now, stepSeconds: stepSeconds) {
        case .waiting(let fraction): return fraction < 0.5 ? .submitted : .queued
        case .working: return .streaming
        case .finished: return endsInError ? .error : .complete
        }
    }

    /// `created_at`: ISO 8601 in UTC with milliseconds and "Z", as Suno prints it.
    var createdAt: String {
        EmulatorTimestamp.iso8601Milliseconds(timeline.submittedAt)
    }
}
