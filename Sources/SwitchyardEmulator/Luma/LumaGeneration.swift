import Foundation

/// One generation held by the Luma emulator.
///
/// Nothing runs in the background: the state is computed from how long ago the generation started, measured
/// in steps of `EmulatorConfiguration.stepSeconds`, which keeps tests deterministic and the emulator idle.
struct LumaGeneration: Sendable {
    /// Lowercase UUID, as Luma issues.
    let id: String
    /// What was asked for; decides the assets.
    let kind: LumaGenerationKind
    /// Model reported in `model`.
    let model: String
    /// The request echoed in `request`, defaults filled in.
    let request: EmulatorJSON
    /// `created_at`, already formatted.
    let createdAt: String
    /// Monotonic start of the emulated timeline (wall-clock changes must not move states).
    let startedAt: ContinuousClock.Instant
    /// Insertion order, so "newest first" is exact even for generations created in the same microsecond.
    let sequence: Int
    /// True when the `fail` fault chose this generation to end `failed`.
    let endsInFailure: Bool
    /// True when the `late-cancel` fault chose this generation: its DELETE waits until a GET showed it move on.
    let cancelsLate: Bool
    /// True for synchronous image requests (`sync: true`), which are answered already finished.
    let finishedAtCreation: Bool
    /// Extension of the still-image asset: "jpg", or "png" when an image request asked for that format.
    let imageExtension: String

    /// The state at `now` with `stepSeconds` per step: queued for 1 step, dreaming for 2 more, then final.
    func state(at now: ContinuousClock.Instant, stepSeconds: Double) -> LumaGenerationState {
        let finalState: LumaGenerationState = endsInFailure ? .failed : .completed
        if finishedAtCreation { return finalState }
        let elapsed = now - startedAt
        if elapsed < .seconds(stepSeconds) { return .queued }
        if elapsed < .seconds(stepSeconds * 3) { return .dreaming }
        return finalState
    }
}
