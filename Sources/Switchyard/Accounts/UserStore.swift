import SQLKit

/// Users: who owns keys, whose balance their keys spend, which group prices them, and who is an operator.
public struct UserStore: Sendable {
    let database: Database
    let clock: Clock

    public init(database: Database, clock: Clock = .wall) {
        self.database = database
        self.clock = clock
    }

    /// A user as stored.
    public struct User: Sendable, Equatable {
        public let id: String
        public let name: String
        public let role: String
        public let status: String
        public var group: String = "default"
        /// What was credited (top-ups and adjustments); nil means unlimited.
        public var quotaMicros: Int64? = nil
        public var usedMicros: Int64 = 0
        public var heldMicros: Int64 = 0
        public var requestsPerMinute: Int? = nil
        public var createdAt: Int64 = 0

        public var isAdmin: Bool { role == "admin" && status == "active" }
        /// The balance left to spend; nil when unlimited.
        public var balanceMicros: Int64? { quotaMicros.map { $0 - usedMicros - heldMicros } }
    }

    /// Creates a user. Customers start with a zero balance that top-ups raise; administrators are unlimited.
    public func create(name: String, role: String, group: String = "default", requestsPerMinute: Int? = nil) async throws -> User {
        guard ["customer", "admin"].contains(role) else { throw GatewayError.validation(field: "role", "must be customer or admin") }
        guard !name.isEmpty, name.count <= 200 else { throw GatewayError.validation(field: "name", "must be 1 to 200 characters") }
        if let requestsPerMinute, requestsPerMinute < 1 { throw GatewayError.validation(field: "rpm", "must be at least 1") }
        let id = "usr_" + PublicID.uuid().replacingOccurrences(of: "-", with: "").prefix(16)
        let now = clock.nowMillis()
        let quota: Int64? = role == "admin" ? nil : 0
        try await database.transaction { sql in
            guard try await sql.raw("SELECT name FROM groups WHERE name = \(bind: group)").first() != nil else {
                throw GatewayError.validation(field: "group", "no group is named \(group)")
            }
            try await sql.raw(
                """
                INSERT INTO users (id, name, role, group_name, quota_micros, rpm_limit, created_at)
                VALUES (\(bind: id), \(bind: name), \(bind: role), \(bind: group), \(bind: quota), \(bind: requestsPerMinute), \(bind: now))
                """
            ).run()
            if let quota { try await Ledger.open(in: sql, account: .user(id), quotaMicros: quota, now: now) }
        }
        guard let user = try await find(id: id) else { throw GatewayError.internalError("user vanished after insert") }
        return user
    }

    public func find(id: String) async throws -> User? {
        try await database.read.raw("SELECT * FROM users WHERE id = \(bind: id)").first().map(Self.decode)
    }

    /// One page of users, oldest first, and how many there are.
    public func list(limit: Int = 1_000, offset: Int = 0) async throws -> (items: [User], total: Int) {
        let items = try await database.read.raw("SELECT * FROM users ORDER BY created_at, id LIMIT \(bind: limit) OFFSET \(bind: offset)").all()
            .map(Self.decode)
        let total = try await database.read.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        return (items, total)
    }

    public func hasAdmin() async throws -> Bool {
        try await database.read.raw("SELECT id FROM users WHERE role = 'admin'").first() != nil
    }

    /// Credits a user's balance (a top-up, or an adjustment of either sign) once per idempotency key; nil when
    /// there is no such user.
    public func credit(id: String, kind: Ledger.Credit, amountMicros: Int64, idempotencyKey: String, note: String?) async throws -> User? {
        let now = clock.nowMillis()
        let found = try await database.transaction { sql in
            try await Ledger.credit(
                in: sql, account: .user(id), kind: kind, amountMicros: amountMicros, idempotencyKey: "\(kind.rawValue):\(id):\(idempotencyKey)",
                detail: note, now: now)
        }
        return found ? try await find(id: id) : nil
    }

    /// Changes what an operator may edit of a user; nil leaves a field as it is. Returns nil when there is no such user.
    public func update(id: String, status: String? = nil, group: String? = nil, requestsPerMinute: Int?? = nil) async throws -> User? {
        if let status, !["active", "disabled"].contains(status) { throw GatewayError.validation(field: "status", "must be active or disabled") }
        if case .some(.some(let rpm)) = requestsPerMinute, rpm < 1 { throw GatewayError.validation(field: "rpm", "must be at least 1") }
        let changed = try await database.transaction { sql -> Bool in
            guard try await sql.raw("SELECT id FROM users WHERE id = \(bind: id)").first() != nil else { return false }
            if let group {
                guard try await sql.raw("SELECT name FROM groups WHERE name = \(bind: group)").first() != nil else {
                    throw GatewayError.validation(field: "group", "no group is named \(group)")
                }
                try await sql.raw("UPDATE users SET group_name = \(bind: group) WHERE id = \(bind: id)").run()
            }
            if let status { try await sql.raw("UPDATE users SET status = \(bind: status) WHERE id = \(bind: id)").run() }
            if let requestsPerMinute { try await sql.raw("UPDATE users SET rpm_limit = \(bind: requestsPerMinute) WHERE id = \(bind: id)").run() }
            return true
        }
        return changed ? try await find(id: id) : nil
    }

    static func decode(_ row: any SQLRow) throws -> User {
        var user = User(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            role: try row.decode(column: "role", as: String.self), status: try row.decode(column: "status", as: String.self))
        user.group = try row.decode(column: "group_name", as: String.self)
        user.quotaMicros = try row.decode(column: "quota_micros", as: Int64?.self)
        user.usedMicros = try row.decode(column: "used_micros", as: Int64.self)
        user.heldMicros = try row.decode(column: "held_micros", as: Int64.self)
        user.requestsPerMinute = try row.decode(column: "rpm_limit", as: Int?.self)
        user.createdAt = try row.decode(column: "created_at", as: Int64.self)
        return user
    }
}
