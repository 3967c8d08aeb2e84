import Foundation
import SQLKit

/// Channels as stored. Routing reads them through a cache that the settings revision invalidates (see
/// `ChannelCache`), so a channel added or disabled by the CLI counts from the next call on.
public struct ChannelStore: Sendable {
    let database: Database
    let clock: Clock
    let cache = ChannelCache()

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
        /// The customer's model name → the upstream's.
        public var modelMapping: [String: String]
        public var timeoutMillis: Int64?

        public init(
            name: String, family: String, baseURL: String, credential: UpstreamCredential, models: [String], priority: Int = 0, weight: Int = 1,
            modelMapping: [String: String] = [:], timeoutMillis: Int64? = nil
        ) {
            self.name = name
            self.family = family
            self.baseURL = baseURL
            self.credential = credential
            self.models = models
            self.priority = priority
            self.weight = weight
            self.modelMapping = modelMapping
            self.timeoutMillis = timeoutMillis
        }
    }

    @discardableResult
    public func add(_ channel: NewChannel) async throws -> Channel {
        let columns = try Columns(channel)
        let row = try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO channels (name, family, base_url, credential, models, priority, weight, model_mapping, timeout_ms, created_at)
                VALUES (\(bind: channel.name), \(bind: channel.family), \(bind: columns.baseURL), \(bind: columns.credential),
                        \(bind: columns.models), \(bind: channel.priority), \(bind: channel.weight), \(bind: columns.mapping),
                        \(bind: channel.timeoutMillis), \(bind: clock.nowMillis()))
                RETURNING *
                """
            ).first()
        }
        guard let row else { throw GatewayError.internalError("channel insert returned nothing") }
        return try Self.decode(row)
    }

    /// Replaces everything an operator gave for channel `id` (its status and health stay); nil when there is none.
    public func update(id: Int64, to channel: NewChannel) async throws -> Channel? {
        let columns = try Columns(channel)
        let row = try await database.write { sql in
            try await sql.raw(
                """
                UPDATE channels SET name = \(bind: channel.name), family = \(bind: channel.family), base_url = \(bind: columns.baseURL),
                    credential = \(bind: columns.credential), models = \(bind: columns.models), priority = \(bind: channel.priority),
                    weight = \(bind: channel.weight), model_mapping = \(bind: columns.mapping), timeout_ms = \(bind: channel.timeoutMillis)
                WHERE id = \(bind: id)
                RETURNING *
                """
            ).first()
        }
        return try row.map(Self.decode)
    }

    /// A channel's fields checked and in their stored form.
    private struct Columns {
        let baseURL: String
        let credential: String
        let models: String
        let mapping: String?

        init(_ channel: NewChannel) throws {
            guard let url = URL(string: channel.baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
                throw GatewayError.invalidRequest("base URL must be an http(s) URL")
            }
            guard channel.weight > 0 else { throw GatewayError.invalidRequest("weight must be positive") }
            guard !channel.credential.keys.isEmpty else { throw GatewayError.invalidRequest("a channel needs at least one key") }
            credential = String(decoding: try JSONEncoder().encode(channel.credential), as: UTF8.self)
            baseURL = channel.baseURL.hasSuffix("/") ? String(channel.baseURL.dropLast()) : channel.baseURL
            models = channel.models.joined(separator: ",")
            mapping =
                channel.modelMapping.isEmpty
                ? nil : JSONValue.object(JSONObject(channel.modelMapping.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })).encoded()
        }
    }

    public func list() async throws -> [Channel] {
        try await database.read.raw("SELECT * FROM channels ORDER BY id").all().map(Self.decode)
    }

    public func find(id: Int64) async throws -> Channel? {
        try await database.read.raw("SELECT * FROM channels WHERE id = \(bind: id)").first().map(Self.decode)
    }

    /// Enabled channels of `family`, whatever they serve, as of settings revision `revision` or later.
    public func enabled(family: String, revision: Int64) async throws -> [Channel] {
        try await enabled(revision: revision).filter { $0.family == family }
    }

    public func setStatus(id: Int64, status: String, reason: String? = nil) async throws {
        try await database.write { sql in
            try await sql.raw("UPDATE channels SET status = \(bind: status), status_reason = \(bind: reason) WHERE id = \(bind: id)").run()
        }
    }

    /// Enabled channels of any of `families` that serve `model` (the candidates of a call, which may be
    /// translated), as of settings revision `revision` or later: from memory unless the channels changed since.
    public func candidates(families: [String], model: String, revision: Int64) async throws -> [Channel] {
        try await enabled(revision: revision).filter { families.contains($0.family) && $0.serves(model: model) }
    }

    /// Enabled channels of `family` that serve `model`, as of `revision` or later.
    public func candidates(family: String, model: String, revision: Int64) async throws -> [Channel] {
        try await candidates(families: [family], model: model, revision: revision)
    }

    /// Every enabled channel as of settings revision `revision` or later: from memory unless the channels changed.
    public func enabled(revision: Int64) async throws -> [Channel] {
        if let cached = cache.channels(atLeast: revision) { return cached }
        // The revision and the rows in one statement: one consistent snapshot.
        let rows = try await database.read.raw(
            """
            SELECT r.value AS settings_revision, c.* FROM revisions r LEFT JOIN channels c ON c.status = 'enabled'
            WHERE r.name = 'settings' ORDER BY c.id
            """
        ).all()
        let read = try rows.first?.decode(column: "settings_revision", as: Int64.self) ?? revision
        let channels = try rows.filter { try $0.decode(column: "id", as: Int64?.self) != nil }.map(Self.decode)
        cache.store(channels, revision: read)
        return channels
    }

    /// Channels marked unhealthy, for the probe.
    public func unhealthy() async throws -> [Channel] {
        try await database.read.raw("SELECT * FROM channels WHERE status = 'unhealthy'").all().map(Self.decode)
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
            status: try row.decode(column: "status", as: String.self),
            modelMapping: try row.decode(column: "model_mapping", as: String?.self).flatMap { JSONValue.parse($0.utf8)?.objectValue }
                .map { object in Dictionary(uniqueKeysWithValues: object.keys.compactMap { key in object[key]?.stringValue.map { (key, $0) } }) }
                ?? [:],
            timeoutMillis: try row.decode(column: "timeout_ms", as: Int64?.self),
            statusReason: try row.decode(column: "status_reason", as: String?.self))
    }
}
