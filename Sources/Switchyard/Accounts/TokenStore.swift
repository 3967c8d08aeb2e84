import SQLKit

/// Creates, finds and authenticates customer tokens.
public struct TokenStore: Sendable {
    let database: Database
    let clock: Clock

    public init(database: Database, clock: Clock = .wall) {
        self.database = database
        self.clock = clock
    }

    /// Creates a token and returns it with its key; the key is never retrievable again.
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
    }

    public func create(name: String, quotaMicros: Int64?, limits: Limits = Limits()) async throws -> (token: Token, key: String) {
        for block in limits.allowedIPs ?? [] where AddressBlock(block) == nil {
            throw GatewayError.invalidRequest("\(block) is not an IP address or CIDR block")
        }
        let key = CustomerKey.generate()
        let id = "tok_" + PublicID.uuid().replacingOccurrences(of: "-", with: "").prefix(16)
        let now = clock.nowMillis()
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO tokens (id, name, key_hash, key_hint, quota_micros, expires_at, allowed_models, allowed_ips, rpm_limit, user_id, created_at)
                VALUES (\(bind: id), \(bind: name), \(bind: CustomerKey.hash(key)), \(bind: CustomerKey.hint(key)), \(bind: quotaMicros),
                        \(bind: limits.expiresAt), \(bind: limits.allowedModels?.joined(separator: ",")), \(bind: limits.allowedIPs?.joined(separator: ",")),
                        \(bind: limits.requestsPerMinute), \(bind: limits.userID), \(bind: now))
                """
            ).run()
        }
        guard let token = try await find(id: id) else { throw GatewayError.internalError("token vanished after insert") }
        return (token, key)
    }

    /// The active token whose key is `key`, or nil.
    public func authenticate(key: some StringProtocol) async throws -> Token? {
        guard key.hasPrefix("sk-"), key.count < 200 else { return nil }
        let sequence = ReadSequence.next()
        let row = try await database.read.raw("SELECT * FROM tokens WHERE key_hash = \(bind: CustomerKey.hash(key)) AND status = 'active'").first()
        var token = try row.map(Self.decode)
        token?.readSequence = sequence
        return token
    }

    public func find(id: String) async throws -> Token? {
        try await database.read.raw("SELECT * FROM tokens WHERE id = \(bind: id)").first().map(Self.decode)
    }

    /// Raises a key's quota by `amountMicros` and records the top-up in the ledger (its idempotency key makes a
    /// retried top-up count once). Unlimited keys stay unlimited.
    public func topUp(id: String, amountMicros: Int64, idempotencyKey: String) async throws -> Token? {
        guard amountMicros > 0 else { throw GatewayError.validation(field: "amount", "must be positive") }
        let now = clock.nowMillis()
        let applied = try await database.transaction { sql -> Bool in
            guard try await sql.raw("SELECT id FROM tokens WHERE id = \(bind: id)").first() != nil else { return false }
            let inserted = try await sql.raw(
                """
                INSERT INTO ledger_entries (token_id, kind, amount_micros, idempotency_key, reference, detail, created_at)
                VALUES (\(bind: id), 'topup', \(bind: amountMicros), \(bind: "topup:" + idempotencyKey), \(bind: id), NULL, \(bind: now))
                ON CONFLICT(idempotency_key) DO NOTHING RETURNING id
                """
            ).first()
            if inserted != nil {
                try await sql.raw(
                    """
                    UPDATE tokens SET quota_micros = quota_micros + \(bind: amountMicros) WHERE id = \(bind: id) AND quota_micros IS NOT NULL
                    """
                ).run()
            }
            return true
        }
        return applied ? try await find(id: id) : nil
    }

    /// Revokes a key for good: it is refused from the next request on.
    public func revoke(id: String) async throws -> Bool {
        try await database.write { sql in
            try await sql.raw("UPDATE tokens SET status = 'revoked' WHERE id = \(bind: id) RETURNING id").first() != nil
        }
    }

    public func list() async throws -> [Token] {
        try await database.read.raw("SELECT * FROM tokens ORDER BY created_at").all().map(Self.decode)
    }

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
        return token
    }
}
