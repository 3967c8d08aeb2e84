/// The task state machine as a value: given the stored state and a new observation, it says what to do.
/// The owner performs the side effects (the compare-and-swap write, the ledger, the callbacks).
public enum TaskLifecycle {
    public enum Decision: Sendable, Equatable {
        /// Nothing to record (stale or backwards observation, or the task already ended).
        case ignore
        /// Record the observation; `resolution` ends the hold when the task reaches a terminal state.
        case move(to: TaskState, resolution: Ledger.Resolution?)
    }

    public static func decide(current: TaskState, observed: TaskObservation) -> Decision {
        guard !current.isTerminal else { return .ignore }
        guard observed.state.rank >= current.rank else { return .ignore }
        return .move(to: observed.state, resolution: resolution(arriving: observed.state))
    }

    /// How arriving in `state` ends the task's hold: settled on success, refunded on failure, kept while live.
    public static func resolution(arriving state: TaskState) -> Ledger.Resolution? {
        switch state {
        case .succeeded: .settle
        case .failed: .refund
        case .submitting, .queued, .running: nil
        }
    }

    /// Whether the upstream's "not found" is strong enough evidence to refund: every poll since `firstMissingAt`
    /// said so (any other answer starts the count again), for at least `graceMillis` and on at least
    /// `minimumPolls` polls.
    public static func missingIsConclusive(firstMissingAt: Int64, missingPolls: Int, now: Int64, graceMillis: Int64, minimumPolls: Int) -> Bool {
        let (span, overflow) = now.subtractingReportingOverflow(firstMissingAt)
        return !overflow && span >= graceMillis && missingPolls >= minimumPolls
    }

    /// Delay before the next poll of a live task: doubles with each poll from `initial`, capped at `maximum`.
    public static func pollDelay(attempts: Int, initialMillis: Int64, maximumMillis: Int64) -> Int64 {
        let exponent = min(attempts, 20)
        let (delay, overflow) = initialMillis.multipliedReportingOverflow(by: Int64(1) << exponent)
        return overflow ? maximumMillis : min(delay, maximumMillis)
    }
}
