/// Settings of the synchronous relay (chat and the other calls that answer at once).
public struct RelaySettings: Sendable, Equatable {
    /// Output tokens a hold is sized for when the request names no maximum and the model's price names no
    /// `max_output_tokens`.
    public var defaultMaxTokens = 4_096
    /// A channel whose recent calls failed at least this share (over at least `minimumSamples`) is marked unhealthy.
    public var unhealthyErrorRate = 0.5
    public var errorRateWindow = 20
    public var minimumSamples = 10
    /// How often unhealthy channels are probed for recovery.
    public var probeIntervalMillis: Int64 = 30_000

    public init() {}
}
