import Foundation

/// When a Suno task (and its clips) was submitted, and where it stands at a given moment.
///
/// Nothing runs in the background: the phase is computed from the time elapsed since submission, in steps of
/// `EmulatorConfiguration.stepSeconds` (as for Luma): submitted for the first half step, queued for the second
/// half, in progress for 2 more steps, then finished.
struct SunoTimeline: Sendable {
    /// Where a timeline stands.
    enum Phase: Equatable, Sendable {
        /// Accepted, not yet queued (first half step).
        case submitted
        /// Waiting for a worker (second half of the first step).
        case queued
        /// Generating; `fraction` of the generation (0 ≤ fraction < 1) is done.
        case inProgress(fraction: Double)
        /// Done, successfully or not.
        case finished
    }

    /// Wall-clock submission time, for the epoch-second fields.
    let submittedAt: Date
    /// Monotonic start, so wall-clock changes never move phases.
    let startedAt: ContinuousClock.Instant
    /// True for results that exist complete from the start (uploads, stems from `act/stems`).
    let finishedAtCreation: Bool

    /// A timeline starting now.
    static func startingNow(finished: Bool = false) -> SunoTimeline {
        SunoTimeline(submittedAt: Date(), startedAt: ContinuousClock.now, finishedAtCreation: finished)
    }

    /// The phase at `now` with `stepSeconds` per step.
    func phase(at now: ContinuousClock.Instant, stepSeconds: Double) -> Phase {
        if finishedAtCreation { return .finished }
        let elapsed = now - startedAt
        if elapsed < .seconds(stepSeconds / 2) { return .submitted }
        if elapsed < .seconds(stepSeconds) { return .queued }
        if elapsed < .seconds(stepSeconds * 3) {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return .inProgress(fraction: min(max((seconds - stepSeconds) / (stepSeconds * 2), 0), 0.999))
        }
        return .finished
    }

    /// `submit_time`: epoch seconds.
    var submitTime: Int {
        Int(submittedAt.timeIntervalSince1970)
    }

    /// `start_time` (epoch seconds) once work started, else nil.
    func startTime(in phase: Phase, stepSeconds: Double) -> Int? {
        switch phase {
        case .submitted, .queued: return nil
        case .inProgress, .finished:
            return Int(submittedAt.timeIntervalSince1970 + (finishedAtCreation ? 0 : stepSeconds))
        }
    }

    /// `finish_time` (epoch seconds) once finished, else nil.
    func finishTime(in phase: Phase, stepSeconds: Double) -> Int? {
        guard phase == .finished else { return nil }
        return Int(submittedAt.timeIntervalSince1970 + (finishedAtCreation ? 0 : stepSeconds * 3))
    }

    /// `created_at` of clips: ISO 8601 in UTC with milliseconds and "Z", as Suno prints it.
    var createdAt: String {
        // Microseconds "…56.313494Z" → milliseconds "…56.313Z".
        String(EmulatorTimestamp.iso8601Microseconds(submittedAt).dropLast(4)) + "Z"
    }
}
