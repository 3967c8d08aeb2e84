/// Timings and bounds of the task engine; durations in milliseconds.
public struct TaskSettings: Sendable, Equatable {
    /// First delay between polls of a live task; doubles each poll up to `maxPollDelayMillis`.
    public var initialPollDelayMillis: Int64 = 1_000
    public var maxPollDelayMillis: Int64 = 30_000
    /// How long the poller waits before looking again when nothing is due, or when a few slots are free but no
    /// poll has ended.
    public var pollerTickMillis: Int64 = 250
    /// Most polls in flight at once, across all channels.
    public var maxConcurrentPolls: Int = 256
    /// Most polls in flight at once to one channel: an upstream that stalls holds at most this many of the pool's
    /// slots, and every other channel's tasks keep being polled.
    public var maxPollsPerChannel: Int = 64
    /// How long a poller owns a task it leased (another instance takes over after that). Never shorter than twice
    /// the upstream deadline, so a poll still waiting for its answer is not leased again.
    public var leaseMillis: Int64 = 60_000
    /// A task the upstream still reports live this long after creation is failed and refunded.
    public var maxTaskAgeMillis: Int64 = 2 * 60 * 60 * 1_000
    /// A task the upstream answers "not found" for is failed and refunded only when every poll for this long said
    /// so, and at least `missingMinimumPolls` of them: a lookup that misses once (a replica behind, an eventually
    /// consistent store) must not refund a generation the upstream may still bill.
    public var missingGraceMillis: Int64 = 10 * 60 * 1_000
    public var missingMinimumPolls: Int = 3
    /// A task still `submitting` this long after its last write lost its submitter and is reconciled.
    public var submitGraceMillis: Int64 = 60_000
    /// How often the sweeper runs.
    public var sweepIntervalMillis: Int64 = 10_000

    public init() {}
}
