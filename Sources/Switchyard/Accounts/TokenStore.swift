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
    public func create(name: String, quotaMicros: Int64?) async throws -> (token: Token, key: String) {
        let key = CustomerKey.generate()
        let id = "tok_" + PublicID.uuid().replacingOccurrences(of: "-", with: "").prefix(16)
        let now = clock.nowMillis()
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO tokens (id, name, key_hash, key_hint, quota_micros, created_at)
                VALUES (\(bind: id), \(bind: name), \(bind: CustomerKey.hash(key)), \(bind: CustomerKey.hint(key)), \(bind: quotaMicros), \(bind: now))
                """
            ).run()
        }
        guard let token = try await find(id: id) else { throw GatewayError.internalError("token vanished after insert") }
        return (token, key)
    }

    /// The active token whose key is `key`, or nil.
    public func authenticate(key: some StringProtocol) async throws -> Token? {
        guard key.hasPrefix("sk-"), key.count < 200 else { return nil }
        let row = try await database.read.raw("SELECT * FROM tokens WHERE key_hash = \(bind: CustomerKey.hash(key)) AND status = 'active'").first()
        return try row.map(Self.decode)
    }

    public func find(id: String) async throws -> Token? {
        try await database.read.raw("SELECT * FROM tokens WHERE id = \(bind: id)").first().map(Self.decode)
    }

    public func list() async throws -> [Token] {
        try await database.read.raw("SELECT * FROM tokens ORDER BY created_at").all().map(Self.decode)
    }

    static func decode(_ row: any SQLRow) throws -> Token {
        Token(
            id: try row.decode(column: "id", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            keyHint: try row.decode(column: "key_hint", as: String.self),
            quotaMicros: try row.decode(column: "quota_micros", as: Int64?.self),
            usedMicros: try row.decode(column: "used_micros", as: Int64.self),
            heldMicros: try row.decode(column: "held_micros", as: Int64.self),
            status: try row.decode(column: "status", as: String.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self))
    }
}
