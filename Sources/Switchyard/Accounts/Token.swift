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
    /// After this instant (milliseconds) the key is refused; nil means it never expires.
    public var expiresAt: Int64? = nil
    /// The models this key may call; nil means any.
    public var allowedModels: [String]? = nil
    /// The client addresses (IPv4/IPv6 CIDR blocks or single addresses) this key may be used from; nil means any.
    public var allowedIPs: [String]? = nil
    /// Requests per minute; nil means no limit.
    public var requestsPerMinute: Int? = nil
    /// The user the key belongs to, if any (operators' keys always have one).
    public var userID: String? = nil
    /// Taken from `ReadSequence` just before this row was read: which in-memory charges it cannot contain.
    public var readSequence: UInt64 = 0

    /// Whether this key may call `model`.
    public func allows(model: String) -> Bool { allowedModels.map { $0.contains(model) } ?? true }

    /// What the token may still spend; nil when unlimited.
    public var remainingMicros: Int64? {
        quotaMicros.map { $0 - usedMicros - heldMicros }
    }
}
