/// Settings of the synchronous relay (chat and the other calls that answer at once).
public struct RelaySettings: Sendable, Equatable {
    /// Output tokens a reservation is sized for when the request names no maximum and the price table does not
    /// know the model's own (the charge never exceeds the reservation, so this errs high).
    public var defaultMaxTokens = 16_384
    /// A channel whose recent calls failed at least this share (over at least `minimumSamples`) is marked unhealthy.
    public var unhealthyErrorRate = 0.5
    public var errorRateWindow = 20
    public var minimumSamples = 10
    /// How often unhealthy channels are probed for recovery.
    public var probeIntervalMillis: Int64 = 30_000

    public init() {}
}
