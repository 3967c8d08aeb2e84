import SQLKit

/// Groups of users and the multiplier their prices carry (a reseller's tiers: `vip` at ×0.8, `default` at ×1).
public struct GroupStore: Sendable {
    let database: Database
    let clock: Clock

    public init(database: Database, clock: Clock = .wall) {
        self.database = database
        self.clock = clock
    }

    public struct Group: Sendable, Equatable {
        public let name: String
        /// A decimal with at most three places ("0.8").
        public let multiplier: String
    }

    /// Creates a group or changes its multiplier; the change applies to its users' next calls.
    @discardableResult
    public func set(name: String, multiplier: String) async throws -> Group {
        guard !name.isEmpty, name.count <= 100 else { throw GatewayError.validation(field: "name", "must be 1 to 100 characters") }
        guard let permille = PriceModifier.permille(multiplier), permille > 0, permille <= 100_000 else {
            throw GatewayError.validation(field: "multiplier", "must be a positive decimal with at most three places, such as \"0.8\"")
        }
        let canonical = PriceModifier.format(permille: permille)
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO groups (name, multiplier, created_at) VALUES (\(bind: name), \(bind: canonical), \(bind: clock.nowMillis()))
                ON CONFLICT(name) DO UPDATE SET multiplier = excluded.multiplier
                """
            ).run()
        }
        return Group(name: name, multiplier: canonical)
    }

    public func list() async throws -> [Group] {
        try await database.read.raw("SELECT name, multiplier FROM groups ORDER BY name").all().map {
            Group(name: try $0.decode(column: "name", as: String.self), multiplier: try $0.decode(column: "multiplier", as: String.self))
        }
    }
}
