import Foundation
import SQLKit
import Synchronization

/// The prices in force: the configured table (the configuration file's, or the defaults) overlaid with the
/// operators' edits, which the store keeps.
///
/// Quotes read memory. Every edit, by any process (the CLI included), moves the store's settings revision, which
/// every spending call reads with its key; a call that sees a newer revision than the book's reloads the book
/// first, so an edit is in force from the next call on.
public final class PriceBook: Sendable {
    let base: PriceTable
    let database: Database
    let clock: Clock
    private let loaded: Mutex<(table: PriceTable, revision: Int64)>

    /// Opens the book and applies the edits already stored.
    public init(base: PriceTable, database: Database, clock: Clock = .wall) async throws {
        self.base = base
        self.database = database
        self.clock = clock
        self.loaded = Mutex((base, -1))
        try await reload()
    }

    /// The table as of settings revision `revision` or later (reloaded first when the book is older).
    public func table(atLeast revision: Int64) async throws -> PriceTable {
        let (table, current) = loaded.withLock { ($0.table, $0.revision) }
        if current >= revision { return table }
        try await reload()
        return loaded.withLock { $0.table }
    }

    /// The table as the store has it now (one read): for operators' listings.
    public func current() async throws -> PriceTable {
        try await reload()
        return loaded.withLock { $0.table }
    }

    /// Stores an operator's price for the rule's family, model and action, replacing any other for them.
    public func set(_ rule: PriceRule) async throws {
        try await set([rule])
    }

    /// Stores several prices at once (one transaction: all or none), each replacing any other for its family, model
    /// and action. Every rule is validated before anything is written.
    public func set(_ rules: [PriceRule]) async throws {
        for rule in rules { try rule.validate() }
        let encoder = JSONEncoder()
        let rows = try rules.map { ($0.family, $0.model, $0.action, String(decoding: try encoder.encode($0), as: UTF8.self)) }
        try await store(rows)
    }

    /// Withdraws the price of a family, model and action, configured or edited: calls it would price are refused
    /// from now on (unless a wildcard rule prices them).
    public func remove(family: String, model: String, action: String) async throws {
        try await store([(family, model, action, nil)])
    }

    private func store(_ rows: [(family: String, model: String, action: String, rule: String?)]) async throws {
        guard !rows.isEmpty else { return }
        let now = clock.nowMillis()
        try await database.transaction { sql in
            for row in rows {
                try await sql.raw(
                    """
                    INSERT INTO price_rules (family, model, action, rule, updated_at)
                    VALUES (\(bind: row.family), \(bind: row.model), \(bind: row.action), \(bind: row.rule), \(bind: now))
                    ON CONFLICT(family, model, action) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at
                    """
                ).run()
            }
        }
        try await reload()
    }

    /// Rebuilds the table from the store: the edits and the revision in one statement, one consistent snapshot.
    private func reload() async throws {
        let rows = try await database.read.raw(
            """
            SELECT r.value AS settings_revision, p.family, p.model, p.action, p.rule
            FROM revisions r LEFT JOIN price_rules p ON 1 = 1 WHERE r.name = 'settings'
            """
        ).all()
        let revision = try rows.first?.decode(column: "settings_revision", as: Int64.self) ?? 0
        var edited: Set<String> = []
        var rules: [PriceRule] = []
        for row in rows {
            guard let family = try row.decode(column: "family", as: String?.self) else { continue }
            let model = try row.decode(column: "model", as: String.self)
            let action = try row.decode(column: "action", as: String.self)
            edited.insert(Self.key(family, model, action))
            if let text = try row.decode(column: "rule", as: String?.self) {
                rules.append(try JSONDecoder().decode(PriceRule.self, from: Data(text.utf8)))
            }
        }
        // Edited rules come first: a model priced in two families quotes the operator's price.
        let table = PriceTable(rules: rules + base.rules.filter { !edited.contains(Self.key($0.family, $0.model, $0.action)) })
        loaded.withLock { loaded in
            if revision > loaded.revision { loaded = (table, revision) }
        }
    }

    private static func key(_ family: String, _ model: String, _ action: String) -> String { family + "\u{1}" + model + "\u{1}" + action }
}
