/// How the executor treats upstreams: deadlines, size limits, and which answers mean "try another channel".
public struct UpstreamSettings: Sendable, Equatable {
    /// Deadline of one upstream call, in milliseconds.
    public var requestTimeoutMillis: Int64 = 30_000
    /// Deadline to establish a connection, in milliseconds.
    public var connectTimeoutMillis: Int64 = 5_000
    /// Upstream bodies larger than this are refused as malformed.
    public var maxResponseBytes: Int = 8 << 20
    /// Statuses after which the next channel is tried. A 5xx among them may still have been accepted upstream: a
    /// task whose every channel failed that way is held for reconciliation, not refunded.
    /// 529 is Anthropic's "overloaded".
    public var retryStatuses: Set<Int> = [429, 500, 502, 503, 504, 529]

    public init() {}
}
