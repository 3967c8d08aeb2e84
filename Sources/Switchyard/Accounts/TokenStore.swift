import SQLKit

/// Creates, finds and authenticates customer tokens.
public struct TokenStore: Sendable {
    let database: Database
    let clock: Clock

    public init(database: Database, clock: Clock = .wall) {
        self.database = database
        self.clock = clock
    }

    /// What a key may do besides spending its quota.
    public struct Limits: Sendable {
        public var expiresAt: Int64?
        public var allowedModels: [String]?
        public var allowedIPs: [String]?
        public var requestsPerMinute: Int?
        public var userID: String?

        public init(
            expiresAt: Int64? = nil, allowedModels: [String]? = nil, allowedIPs: [String]? = nil, requestsPerMinute: Int? = nil, userID: String? = nil
        ) {
            self.userID = userID
            self.expiresAt = expiresAt
            self.allowedModels = allowedModels
            self.allowedIPs = allowedIPs
            self.requestsPerMinute = requestsPerMinute
        }

        /// The limits a key has now.
        public init(of token: Token) {
            self.init(
                expiresAt: token.expiresAt, allowedModels: token.allowedModels, allowedIPs: token.allowedIPs,
                requestsPerMinute: token.requestsPerMinute, userID: token.userID)
        }

        func validate() throws {
            for block in allowedIPs ?? [] where AddressBlock(block) == nil {
                throw GatewayError.invalidRequest("\(block) is not an IP address or CIDR block")
            }
        }
    }

    /// Creates a token and returns it with its key; the key is never retrievable again.
    public func create(name: String, quotaMicros: Int64?, limits: Limits = Limits()) async throws -> (token: Token, key: String) {
        try limits.validate()
        if let quotaMicros, !(0...Ledger.maximumEntryMicros).contains(quotaMicros) {
            throw GatewayError.validation(field: "quota", "must be between 0 and 1000000000")
        }
        let key = CustomerKey.generate()
        let id = "tok_" + PublicID.uuid().replacingOccurrences(of: "-", with: "").prefix(16)
        let now = clock.nowMillis()
        try await database.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO tokens (id, name, key_hash, key_hint, quota_micros, expires_at, allowed_models, allowed_ips, rpm_limit, user_id, created_at)
                VALUES (\(bind: id), \(bind: name), \(bind: CustomerKey.hash(key)), \(bind: CustomerKey.hint(key)), \(bind: quotaMicros),
                        \(bind: limits.expiresAt), \(bind: limits.allowedModels?.joined(separator: ",")), \(bind: limits.allowedIPs?.joined(separator: ",")),
                        \(bind: limits.requestsPerMinute), \(bind: limits.userID), \(bind: now))
                """
            ).run()
            // The starting quota is money put on the key: the ledger says so, as it does for every later top-up.
            if let quotaMicros { try await Ledger.open(in: sql, account: .token(id), quotaMicros: quotaMicros, now: now) }
        }
        guard let token = try await find(id: id) else { throw GatewayError.internalError("token vanished after insert") }
        return (token, key)
    }

    /// The active token whose key is `key`, or nil; a key whose user is disabled is no key at all.
    public func authenticate(key: some StringProtocol) async throws -> Token? {
        guard key.hasPrefix("sk-"), key.count < 200 else { return nil }
        return try await authenticate(keyHash: CustomerKey.hash(key))
    }

    /// The active token whose key hashes to `keyHash`, or nil.
    func authenticate(keyHash: String) async throws -> Token? {
        try await readUsable(where: "t.key_hash = \(bind: keyHash)")
    }

    /// The same key read again (nil when it was revoked or disabled, or its user disabled, since).
    public func reread(_ token: Token) async throws -> Token? {
        try await readUsable(where: "t.id = \(bind: token.id)")
    }

    /// The key matching `condition` if it and its user are active, stamped with when it was read.
    private func readUsable(where condition: SQLQueryString) async throws -> Token? {
        let sequence = ReadSequence.next()
        // Stamped before the read, as the sequence is: a slow read must not look younger than what it may miss.
        let readAt = clock.nowMillis()
        let row = try await database.read.raw(
            "\(unsafeRaw: Self.selectWithOwner) WHERE \(condition) AND t.status = 'active' AND (t.user_id IS NULL OR u.status = 'active')"
        ).first()
        var token = try row.map(Self.decode)
        token?.readSequence = sequence
        token?.readAt = readAt
        return token
    }

    public func find(id: String) async throws -> Token? {
        try await database.read.raw("\(unsafeRaw: Self.selectWithOwner) WHERE t.id = \(bind: id)").first().map(Self.decode)
    }

    /// Raises a key's quota by `amountMicros` and records the top-up in the ledger (its idempotency key makes a
    /// retried top-up count once). Unlimited keys stay unlimited.
    public func topUp(id: String, amountMicros: Int64, idempotencyKey: String) async throws -> Token? {
        let now = clock.nowMillis()
        let found = try await database.transaction { sql in
            try await Ledger.credit(
                in: sql, account: .token(id), kind: .topup, amountMicros: amountMicros, idempotencyKey: "topup:\(id):\(idempotencyKey)", detail: nil,
                now: now)
        }
        return found ? try await find(id: id) : nil
    }

    /// Disables (`disabled`) or re-enables (`active`) a key; a revoked key stays revoked. Returns false when there
    /// is no such key, or it is revoked.
    public func setStatus(id: String, status: String) async throws -> Bool {
        guard ["active", "disabled"].contains(status) else { throw GatewayError.validation(field: "status", "must be active or disabled") }
        return try await database.write { sql in
            try await sql.raw("UPDATE tokens SET status = \(bind: status) WHERE id = \(bind: id) AND status != 'revoked' RETURNING id").first() != nil
        }
    }

    /// Replaces a key's limits (its quota moves only through top-ups); nil when there is no such key.
    public func updateLimits(id: String, name: String, limits: Limits) async throws -> Token? {
        try limits.validate()
        let updated = try await database.write { sql in
            try await sql.raw(
                """
                UPDATE tokens SET name = \(bind: name), expires_at = \(bind: limits.expiresAt),
                    allowed_models = \(bind: limits.allowedModels?.joined(separator: ",")), allowed_ips = \(bind: limits.allowedIPs?.joined(separator: ",")),
                    rpm_limit = \(bind: limits.requestsPerMinute)
                WHERE id = \(bind: id) RETURNING id
                """
            ).first() != nil
        }
        return updated ? try await find(id: id) : nil
    }

    /// Revokes a key for good: it is refused from the next request on.
    public func revoke(id: String) async throws -> Bool {
        try await database.write { sql in
            try await sql.raw("UPDATE tokens SET status = 'revoked' WHERE id = \(bind: id) RETURNING id").first() != nil
        }
    }

    /// One page of tokens, oldest first, optionally only `userID`'s; and how many there are in all.
    public func list(userID: String? = nil, limit: Int = 1_000, offset: Int = 0) async throws -> (items: [Token], total: Int) {
        let filter: SQLQueryString = userID.map { "WHERE t.user_id = \(bind: $0)" } ?? ""
        let items = try await database.read.raw(
            "\(unsafeRaw: Self.selectWithOwner) \(filter) ORDER BY t.created_at, t.id LIMIT \(bind: limit) OFFSET \(bind: offset)"
        ).all().map(Self.decode)
        let total = try await database.read.raw("SELECT COUNT(*) AS n FROM tokens t \(filter)").first()?.decode(column: "n", as: Int.self) ?? 0
        return (items, total)
    }

    /// A token row with its owner's balance, rate and group multiplier, under the column names `decode` reads.
    static let selectWithOwner = """
        SELECT t.*, u.status AS owner_status, u.role AS owner_role, u.quota_micros AS owner_quota, u.used_micros AS owner_used, u.held_micros AS owner_held,
               u.rpm_limit AS owner_rpm, u.group_name AS owner_group, g.multiplier AS owner_multiplier,
               (SELECT value FROM revisions WHERE name = 'settings') AS settings_revision
        FROM tokens t LEFT JOIN users u ON u.id = t.user_id LEFT JOIN groups g ON g.name = u.group_name
        """

    static func decode(_ row: any SQLRow) throws -> Token {
        var token = Token(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            keyHint: try row.decode(column: "key_hint", as: String.self),
            quotaMicros: try row.decode(column: "quota_micros", as: Int64?.self),
            usedMicros: try row.decode(column: "used_micros", as: Int64.self),
            heldMicros: try row.decode(column: "held_micros", as: Int64.self),
            status: try row.decode(column: "status", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self))
        token.expiresAt = try row.decode(column: "expires_at", as: Int64?.self)
        token.allowedModels = try row.decode(column: "allowed_models", as: String?.self).map { $0.split(separator: ",").map(String.init) }
        token.allowedIPs = try row.decode(column: "allowed_ips", as: String?.self).map { $0.split(separator: ",").map(String.init) }
        token.requestsPerMinute = try row.decode(column: "rpm_limit", as: Int?.self)
        token.userID = try row.decode(column: "user_id", as: String?.self)
        token.settingsRevision = try row.decode(column: "settings_revision", as: Int64?.self) ?? 0
        if let userID = token.userID, try row.decode(column: "owner_status", as: String?.self) != nil {
            let group = try row.decode(column: "owner_group", as: String.self)
            // Groups are never removed; a row that lost its group would pay list price.
            let multiplier = try row.decode(column: "owner_multiplier", as: String?.self).flatMap(PriceModifier.permille) ?? 1000
            token.owner = TokenOwner(
                userID: userID, role: try row.decode(column: "owner_role", as: String.self),
                quotaMicros: try row.decode(column: "owner_quota", as: Int64?.self),
                usedMicros: try row.decode(column: "owner_used", as: Int64.self), heldMicros: try row.decode(column: "owner_held", as: Int64.self),
                requestsPerMinute: try row.decode(column: "owner_rpm", as: Int?.self), group: group, multiplierPermille: multiplier)
        }
        return token
    }
}
