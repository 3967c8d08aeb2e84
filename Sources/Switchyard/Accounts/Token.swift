/// A customer's API token as stored (never the key itself), with what it takes to decide a call: its limits and
/// its owner's balance, request rate and price multiplier, all read in one query.
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
    /// The owning user as read with the key; nil for keys without a user.
    public var owner: TokenOwner? = nil
    /// Taken from `ReadSequence` just before this row was read: which in-memory charges it cannot contain.
    public var readSequence: UInt64 = 0
    /// When this row was read (milliseconds): the spend buffer remembers writes only for a while.
    public var readAt: Int64 = 0
    /// The store's settings revision (channels and prices) when this row was read: routing and pricing may use
    /// what they cached at this revision or later.
    public var settingsRevision: Int64 = 0

    /// Whether this key may call `model`.
    public func allows(model: String) -> Bool { allowedModels.map { $0.contains(model) } ?? true }

    /// What the token itself may still spend; nil when unlimited.
    public var remainingMicros: Int64? {
        quotaMicros.map { $0 - usedMicros - heldMicros }
    }

    /// What a call may spend: the least of the key's remaining quota and its owner's remaining balance.
    public var spendableMicros: Int64? {
        switch (remainingMicros, owner?.remainingMicros) {
        case (let key?, let user?): return min(key, user)
        case (let key?, nil): return key
        case (nil, let user?): return user
        case (nil, nil): return nil
        }
    }

    /// The balances a call of this key draws on (the key's, then its owner's), each with what it has left.
    var balances: [(account: String, remaining: Int64?)] {
        var accounts: [(String, Int64?)] = [(id, remainingMicros)]
        if let owner { accounts.append((owner.userID, owner.remainingMicros)) }
        return accounts
    }

    /// The owner's group multiplier in thousandths (1000 when the key has no user).
    public var priceMultiplierPermille: Int64 { owner?.multiplierPermille ?? 1000 }
}

/// The user behind a key, as read with it.
public struct TokenOwner: Sendable, Equatable {
    public let userID: String
    /// `customer` or `admin`.
    public let role: String
    /// Nil means unlimited (operators' own users).
    public let quotaMicros: Int64?
    public let usedMicros: Int64
    public let heldMicros: Int64
    public let requestsPerMinute: Int?
    public let group: String
    /// The group's price multiplier in thousandths (800 = ×0.8).
    public let multiplierPermille: Int64

    public var remainingMicros: Int64? { quotaMicros.map { $0 - usedMicros - heldMicros } }
}
