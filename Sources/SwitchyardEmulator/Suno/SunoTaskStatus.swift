/// The `status` of a task in the relay protocol.
///
/// `NOT_START` is the relay's own state before the upstream took a task; this upstream answers a submit with a
/// task that is already `SUBMITTED`, so it never reports `NOT_START`.
enum SunoTaskStatus: String, Sendable {
    case notStart = "NOT_START"
    case submitted = "SUBMITTED"
    case queued = "QUEUED"
    case inProgress = "IN_PROGRESS"
    case success = "SUCCESS"
    case failure = "FAILURE"
}
