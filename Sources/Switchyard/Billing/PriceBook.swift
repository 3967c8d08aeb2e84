import Foundation
import Logging
import SQLKit
import ServiceLifecycle
import Synchronization

/// The prices in force: the configured table (the configuration file's, or the defaults) overlaid with the
/// operators' edits, which the store keeps. Quotes read memory only. An edit made through this process applies at
/// once; one made by another process (the CLI) within `refreshMillis`, when the book sees the store's revision move.
public final class PriceBook: Service, Sendable {
    let base: PriceTable
    let database: Database
    let clock: Clock
    let refreshMillis: Int64
    private let current: Mutex<(table: PriceTable, revision: Int64)>

    /// Opens the book and applies the edits already stored.
    public init(base: PriceTable, database: Database, clock: Clock = .wall, refreshMillis: Int64 = 1_000) async throws {
        self.base = base
        self.database = database
        self.clock = clock
        self.refreshMillis = refreshMillis
        self.current = Mutex((base, -1))
        try await reload()
    }

    /// The table every quote uses now.
    public var table: PriceTable { current.withLock { $0.table } }

    /// Stores an operator's price for the rule's family, model and action, replacing any other for them.
    public func set(_ rule: PriceRule) async throws {
        try rule.validate()
        let encoded = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self)
        try await store(family: rule.family, model: rule.model, action: rule.action, rule: encoded)
    }

    /// Withdraws the price of a family, model and action, configured or edited: calls it would price are refused
    /// from now on (unless a wildcard rule prices them).
    public func remove(family: String, model: String, action: String) async throws {
        try await store(family: family, model: model, action: action, rule: nil)
    }

    private func store(family: String, model: String, action: String, rule: String?) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                INSERT INTO price_rules (family, model, action, rule, revision, updated_at)
                SELECT \(bind: family), \(bind: model), \(bind: action), \(bind: rule), COALESCE(MAX(revision), 0) + 1, \(bind: clock.nowMillis())
                FROM price_rules WHERE true
                ON CONFLICT(family, model, action) DO UPDATE SET rule = excluded.rule, revision = excluded.revision, updated_at = excluded.updated_at
                """
            ).run()
        }
        try await reload()
    }

    /// Rebuilds the table if the store's revision moved since the last load.
    public func reload() async throws {
        let revision =
            try await database.read.raw("SELECT COALESCE(MAX(revision), 0) AS revision FROM price_rules").first()?.decode(
                column: "revision", as: Int64.self) ?? 0
        guard revision != current.withLock({ $0.revision }) else { return }
        let rows = try await database.read.raw("SELECT family, model, action, rule FROM price_rules").all()
        var edited: Set<String> = []
        var rules: [PriceRule] = []
        for row in rows {
            let family = try row.decode(column: "family", as: String.self)
            let model = try row.decode(column: "model", as: String.self)
            let action = try row.decode(column: "action", as: String.self)
            edited.insert(Self.key(family, model, action))
            if let text = try row.decode(column: "rule", as: String?.self) {
                rules.append(try JSONDecoder().decode(PriceRule.self, from: Data(text.utf8)))
            }
        }
        // Edited rules come first: a model priced in two families quotes the operator's price.
        let table = PriceTable(rules: rules + base.rules.filter { !edited.contains(Self.key($0.family, $0.model, $0.action)) })
        current.withLock { current in
            if revision > current.revision { current = (table, revision) }
        }
    }

    private static func key(_ family: String, _ model: String, _ action: String) -> String { family + "\u{1}" + model + "\u{1}" + action }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(self.refreshMillis))
                try? await self.reload()
            }
        }
    }
}
