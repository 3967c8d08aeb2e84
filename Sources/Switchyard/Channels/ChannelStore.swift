import Foundation
import SQLKit

/// Channels as stored. Read on every routing decision, so a channel added by the CLI is used at once.
public struct ChannelStore: Sendable {
    let database: Database
    let clock: Clock

    public init(database: Database, clock: Clock = .wall) {
        self.database = database
        self.clock = clock
    }

    /// What an operator gives to add a channel.
    public struct NewChannel: Sendable {
        public var name: String
        public var family: String
        public var baseURL: String
        public var credential: UpstreamCredential
        public var models: [String]
        public var priority: Int
        public var weight: Int

        public init(
            name: String, family: String, baseURL: String, credential: UpstreamCredential, models: [String], priority: Int = 0, weight: Int = 1
        ) {
            self.name = name
            self.family = family
            self.baseURL = baseURL
            self.credential = credential
            self.models = models
            self.priority = priority
            self.weight = weight
        }
    }

    @discardableResult
    public func add(_ channel: NewChannel) async throws -> Channel {
        guard let url = URL(string: channel.baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw GatewayError.invalidRequest("base URL must be an http(s) URL")
        }
        guard channel.weight > 0 else { throw GatewayError.invalidRequest("weight must be positive") }
        let credential = String(decoding: try JSONEncoder().encode(channel.credential), as: UTF8.self)
        let baseURL = channel.baseURL.hasSuffix("/") ? String(channel.baseURL.dropLast()) : channel.baseURL
        let now = clock.nowMillis()
        let row = try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO channels (name, family, base_url, credential, models, priority, weight, created_at)
                VALUES (\(bind: channel.name), \(bind: channel.family), \(bind: baseURL), \(bind: credential),
                        \(bind: channel.models.joined(separator: ",")), \(bind: channel.priority), \(bind: channel.weight), \(bind: now))
                RETURNING *
                """
            ).first()
        }
        guard let row else { throw GatewayError.internalError("channel insert returned nothing") }
        return try Self.decode(row)
    }

    public func list() async throws -> [Channel] {
        try await database.read.raw("SELECT * FROM channels ORDER BY id").all().map(Self.decode)
    }

    public func find(id: Int64) async throws -> Channel? {
        try await database.read.raw("SELECT * FROM channels WHERE id = \(bind: id)").first().map(Self.decode)
    }

    /// Enabled channels of `family` that serve `model`.
    public func candidates(family: String, model: String) async throws -> [Channel] {
        try await database.read.raw("SELECT * FROM channels WHERE family = \(bind: family) AND status = 'enabled'")
            .all().map(Self.decode).filter { $0.serves(model: model) }
    }

    /// Enabled channels of `family`, whatever they serve.
    public func enabled(family: String) async throws -> [Channel] {
        try await database.read.raw("SELECT * FROM channels WHERE family = \(bind: family) AND status = 'enabled'").all().map(Self.decode)
    }

    public func setStatus(id: Int64, status: String) async throws {
        try await database.write { sql in
            try await sql.raw("UPDATE channels SET status = \(bind: status) WHERE id = \(bind: id)").run()
        }
    }

    static func decode(_ row: any SQLRow) throws -> Channel {
        let credentialJSON = try row.decode(column: "credential", as: String.self)
        return Channel(
            id: try row.decode(column: "id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self),
            family: try row.decode(column: "family", as: String.self),
            baseURL: try row.decode(column: "base_url", as: String.self),
            credential: try JSONDecoder().decode(UpstreamCredential.self, from: Data(credentialJSON.utf8)),
            models: try row.decode(column: "models", as: String.self).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
            priority: try row.decode(column: "priority", as: Int.self),
            weight: try row.decode(column: "weight", as: Int.self),
            status: try row.decode(column: "status", as: String.self))
    }
}
