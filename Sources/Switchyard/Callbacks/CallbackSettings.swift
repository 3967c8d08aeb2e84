/// How customer callbacks are delivered.
public struct CallbackSettings: Sendable, Equatable {
    /// Allow targets on private, loopback and link-local addresses (tests and trusted networks only).
    public var allowPrivateTargets = false
    public var timeoutMillis: Int64 = 10_000
    /// Deliveries are given up after this many failed attempts.
    public var maxAttempts = 8
    public var initialBackoffMillis: Int64 = 2_000
    public var maxBackoffMillis: Int64 = 60 * 60 * 1_000
    public var tickMillis: Int64 = 250
    /// Deliveries in flight at once; a slow receiver holds one of them, never the others.
    public var maxConcurrentDeliveries = 64
    /// The HMAC-SHA256 key of the `X-Switchyard-Signature` header; generated and kept in the store when unset.
    public var signingSecret: String?

    public init() {}
}
