/// Where a task is in its life, as Switchyard tracks it (each family maps its own vocabulary onto this).
public enum TaskState: String, Sendable, CaseIterable, Codable {
    /// Stored and held; the upstream call is in flight (or was, when the process died).
    case submitting
    /// Accepted upstream, not started.
    case queued
    /// Upstream is working on it.
    case running
    case succeeded
    case failed

    /// States only move to a higher rank; terminal states share the top rank and never change.
    var rank: Int {
        switch self {
        case .submitting: 0
        case .queued: 1
        case .running: 2
        case .succeeded, .failed: 3
        }
    }

    public var isTerminal: Bool { rank == 3 }
    public var isLive: Bool { !isTerminal }
}

/// What an upstream says about a task in one answer, mapped by the family's codec.
public struct TaskObservation: Sendable, Equatable {
    public var state: TaskState
    /// The upstream's own status word, kept for operators.
    public var upstreamStatus: String
    /// The upstream's object as received, for the family to render from.
    public var result: JSONValue?
    public var failureReason: String?

    public init(state: TaskState, upstreamStatus: String, result: JSONValue?, failureReason: String? = nil) {
        self.state = state
        self.upstreamStatus = upstreamStatus
        self.result = result
        self.failureReason = failureReason
    }
}
