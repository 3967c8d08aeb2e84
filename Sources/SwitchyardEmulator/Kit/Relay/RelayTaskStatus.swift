/// The `status` of a task in the relay protocol.
///
/// `NOT_START` is the relay's own state before the upstream took a task; the emulated upstreams answer a submit
/// with a task that is already `SUBMITTED`, so they never report `NOT_START`.
enum RelayTaskStatus: String, Sendable {
    case notStart = "NOT_START"
    case submitted = "SUBMITTED"
    case queued = "QUEUED"
    case inProgress = "IN_PROGRESS"
    case success = "SUCCESS"
    case failure = "FAILURE"

    /// The status in `phase`: SUBMITTED for the first half of the wait, QUEUED for the second, IN_PROGRESS while
    /// working, then SUCCESS or FAILURE (`fails`).
    init(_ phase: EmulatorTimeline.Phase, fails: Bool) {
        switch phase {
        case .waiting(let fraction): self = fraction < 0.5 ? .submitted : .queued
        case .working: self = .inProgress
        case .finished: self = fails ? .failure : .success
        }
    }
}
