/// One generation held by the Luma emulator: a kit job whose plan is the validated create request.
///
/// Nothing runs in the background: the state is computed from the job's timeline on the instance's clock, which
/// keeps tests deterministic and the emulator idle.
typealias LumaGeneration = EmulatorJob<LumaGenerationPlan>

extension EmulatorJob where Plan == LumaGenerationPlan {
    /// What was asked for; decides the assets.
    var kind: LumaGenerationKind { plan.kind }
    /// Model reported in `model`.
    var model: String { plan.model }
    /// The request echoed in `request`, defaults filled in.
    var request: EmulatorJSON { plan.request }
    /// Extension of the still-image asset: "jpg", or "png" when an image request asked for that format.
    var imageExtension: String { plan.imageExtension }
    /// `created_at`, as Luma prints it (microseconds).
    var createdAt: String { EmulatorTimestamp.iso8601Microseconds(timeline.submittedAt) }
    /// True when the `late-cancel` fault chose this generation: its DELETE waits until a GET showed it move on.
    var cancelsLate: Bool { outcome == .cancelsLate }

    /// The state at `now` with `stepSeconds` per step: queued while waiting, dreaming while working, then final
    /// (`failed` when the `fail` fault chose it).
    func state(at now: EmulatorInstant, stepSeconds: Double) -> LumaGenerationState {
        switch timeline.phase(at: now, stepSeconds: stepSeconds) {
        case .waiting: return .queued
        case .working: return .dreaming
        case .finished: return outcome.jobFails ? .failed : .completed
        }
    }
}
