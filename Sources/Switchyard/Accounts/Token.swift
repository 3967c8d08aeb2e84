/// A customer's API token as stored (never the key itself).
public struct Token: Sendable, Equatable {
    public let id: String
    public let name: String
    public let keyHint: String
    /// Nil means unlimited.
    public let quotaMicros: Int64?
    public let usedMicros: Int64
    public let heldMicros: Int64
    public let status: String
    public let createdAt: Int64

    /// What the token may still spend; nil when unlimited.
    public var remainingMicros: Int64? {
        quotaMicros.map { $0 - usedMicros - heldMicros }
    }
}
