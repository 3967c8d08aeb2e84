import Foundation

/// When a job was submitted, and where it stands at a given instant of the instance's `EmulatorClock`.
///
/// Nothing runs in the background: the phase is computed from the emulated time elapsed since submission, in
/// steps of `EmulatorConfiguration.stepSeconds`: waiting for 1 step, working for 2 more, then finished. Each
/// family names the phases in its own words (Luma: queued, dreaming; Suno and Udio: SUBMITTED, QUEUED,
/// IN_PROGRESS).
struct EmulatorTimeline: Sendable {
    /// Where a timeline stands.
    enum Phase: Equatable, Sendable {
        /// Accepted, not yet worked on; `fraction` (0 ≤ fraction < 1) of the wait has passed.
        case waiting(fraction: Double)
        /// Being worked on; `fraction` (0 ≤ fraction < 1) of the work is done.
        case working(fraction: Double)
        /// Done, successfully or not.
        case finished
    }

    /// Steps a job waits before work starts.
    static let waitingSteps = 1.0
    /// Steps the work takes.
    static let workingSteps = 2.0

    /// Emulated instant of submission.
    let startedAt: EmulatorInstant
    /// Wall time of submission, for the dates the upstream reports.
    let submittedAt: Date
    /// True for results that exist complete from the start (uploads, synchronous images).
    let finishedAtCreation: Bool

    /// A timeline starting at the current instant of `clock`.
    static func starting(on clock: EmulatorClock, finished: Bool = false) -> EmulatorTimeline {
        let now = clock.now
        return EmulatorTimeline(startedAt: now, submittedAt: clock.wallTime(of: now), finishedAtCreation: finished)
    }

    /// The phase at `now` with `stepSeconds` per step.
    func phase(at now: EmulatorInstant, stepSeconds: Double) -> Phase {
        if finishedAtCreation { return .finished }
        let elapsed = now.seconds - startedAt.seconds
        let waiting = stepSeconds * Self.waitingSteps
        let working = stepSeconds * Self.workingSteps
        if elapsed < waiting { return .waiting(fraction: Self.fraction(elapsed, of: waiting)) }
        if elapsed < waiting + working { return .working(fraction: Self.fraction(elapsed - waiting, of: working)) }
        return .finished
    }

    /// `submit_time`: epoch seconds.
    var submitTime: Int {
        Int(submittedAt.timeIntervalSince1970)
    }

    /// Epoch seconds when work started, nil while waiting.
    func startTime(in phase: Phase, stepSeconds: Double) -> Int? {
        if case .waiting = phase { return nil }
        return Int(submittedAt.timeIntervalSince1970 + (finishedAtCreation ? 0 : stepSeconds * Self.waitingSteps))
    }

    /// Epoch seconds when the job finished, nil before.
    func finishTime(in phase: Phase, stepSeconds: Double) -> Int? {
        guard phase == .finished else { return nil }
        let total = stepSeconds * (Self.waitingSteps + Self.workingSteps)
        return Int(submittedAt.timeIntervalSince1970 + (finishedAtCreation ? 0 : total))
    }

    /// `part / whole` kept within 0 ≤ fraction ≤ 0.999 (a zero `whole` counts as just begun).
    private static func fraction(_ part: Double, of whole: Double) -> Double {
        guard whole > 0 else { return 0 }
        return min(max(part / whole, 0), 0.999)
    }
}
