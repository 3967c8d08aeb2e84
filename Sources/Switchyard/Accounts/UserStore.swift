import SQLKit

/// Users: who owns keys, and who is an operator.
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
        public var isAdmin: Bool { role == "admin" && status == "active" }
    }

    public func create(name: String, role: String) async throws -> User {
        guard ["customer", "admin"].contains(role) else { throw GatewayError.validation(field: "role", "must be customer or admin") }
        let id = "usr_" + PublicID.uuid().replacingOccurrences(of: "-", with: "").prefix(16)
        let now = clock.nowMillis()
        try await database.write { sql in
            try await sql.raw("INSERT INTO users (id, name, role, created_at) VALUES (\(bind: id), \(bind: name), \(bind: role), \(bind: now))").run()
        }
        return User(id: id, name: name, role: role, status: "active")
    }

    public func find(id: String) async throws -> User? {
        try await database.read.raw("SELECT * FROM users WHERE id = \(bind: id)").first().map(Self.decode)
    }

    public func hasAdmin() async throws -> Bool {
        try await database.read.raw("SELECT id FROM users WHERE role = 'admin'").first() != nil
    }

    static func decode(_ row: any SQLRow) throws -> User {
        User(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            role: try row.decode(column: "role", as: String.self), status: try row.decode(column: "status", as: String.self))
    }
}
