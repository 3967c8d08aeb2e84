/// Timings of the task engine, in milliseconds.
public struct TaskSettings: Sendable, Equatable {
    /// First delay between polls of a live task; doubles each poll up to `maxPollDelayMillis`.
    public var initialPollDelayMillis: Int64 = 1_000
    public var maxPollDelayMillis: Int64 = 30_000
    /// How often the poller looks for due tasks.
    public var pollerTickMillis: Int64 = 250
    /// How many tasks one poller tick takes at most.
    public var pollBatchSize: Int = 32
    /// How long a poller owns a task it leased (another instance takes over after that).
    public var leaseMillis: Int64 = 60_000
    /// A task still live this long after creation is failed and refunded by the sweeper.
    public var maxTaskAgeMillis: Int64 = 2 * 60 * 60 * 1_000
    /// A task still `submitting` this long after its last write lost its submitter and is reconciled.
    public var submitGraceMillis: Int64 = 60_000
    /// How often the sweeper runs.
    public var sweepIntervalMillis: Int64 = 10_000

    public init() {}
}
