/// One task held by the Suno emulator.
struct SunoTask: Sendable {
    /// Lowercase UUID, the `data` of the submit answer.
    let id: String
    /// What the task makes.
    let action: SunoTaskAction
    /// When it was submitted; decides its status.
    let timeline: EmulatorTimeline
    /// Ids of the clips it makes, in order (music tasks).
    let clipIDs: [String]
    /// The lyrics it makes (lyrics tasks).
    let lyrics: SunoLyrics?
    /// `fail_reason` when the task ends `FAILURE`; nil when it ends `SUCCESS`.
    let failReason: String?

    /// The status at `now`.
    func status(at now: EmulatorInstant, stepSeconds: Double) -> RelayTaskStatus {
        RelayTaskStatus(timeline.phase(at: now, stepSeconds: stepSeconds), fails: failReason != nil)
    }
}
