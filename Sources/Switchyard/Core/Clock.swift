import Foundation

/// Where the gateway reads the time; tests inject their own to drive expiry, backoff and leases.
public struct Clock: Sendable {
    /// Milliseconds since the Unix epoch.
    public let nowMillis: @Sendable () -> Int64

    public init(nowMillis: @escaping @Sendable () -> Int64) { self.nowMillis = nowMillis }

    /// The system's wall clock.
    public static let wall = Clock { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
