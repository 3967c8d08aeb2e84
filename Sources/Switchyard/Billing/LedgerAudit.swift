import SQLKit

/// Recomputes every stored balance from the ledger alone and lists where the two disagree.
///
/// For a key and for a user alike: the quota is its `opening` entry plus its top-ups and adjustments (no opening
/// entry: unlimited); what is used is the sum of its settles and charges; what is held is the sum of its holds
/// that no settle or refund has ended yet. Every change of a balance is written in one transaction with its entry,
/// so the audit holds at any moment, also while the gateway runs (charges it has not written yet are in neither).
public enum LedgerAudit {
    /// One stored figure that the ledger does not explain.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        /// `token` or `user`.
        public let account: String
        public let id: String
        /// `quota`, `used` or `held`.
        public let column: String
        /// The stored value (nil: unlimited).
        public let storedMicros: Int64?
        /// What the ledger says it should be (nil: unlimited).
        public let ledgerMicros: Int64?

        public var description: String {
            let show = { (micros: Int64?) in micros.map(Money.format) ?? "unlimited" }
            return "\(account) \(id) \(column): stored \(show(storedMicros)), ledger says \(show(ledgerMicros))"
        }
    }

    /// Every difference between the stored balances of keys and users and their ledger entries, by account.
    public static func differences(database: Database) async throws -> [Difference] {
        try await differences(in: database.read, account: "token", table: "tokens", owner: "token_id", other: "user_id")
            + differences(in: database.read, account: "user", table: "users", owner: "user_id", other: "token_id")
    }

    /// One statement per table, so each table is read from one snapshot.
    ///
    /// A credit names only its account (`other` is NULL); a hold, settle or charge names the key and its user both.
    private static func differences(
        in sql: any SQLDatabase, account: String, table: String, owner: String, other: String
    ) async throws -> [Difference] {
        let quotaKinds = Ledger.quotaKinds.map { "'\($0)'" }.joined(separator: ", ")
        let rows = try await sql.raw(
            """
            SELECT a.id, a.quota_micros, a.used_micros, a.held_micros,
                   CASE WHEN EXISTS (SELECT 1 FROM ledger_entries o WHERE o.idempotency_key = 'opening:' || a.id) THEN 1 ELSE 0 END AS opened,
                   CAST((SELECT COALESCE(SUM(l.amount_micros), 0) FROM ledger_entries l
                    WHERE l.\(unsafeRaw: owner) = a.id AND l.\(unsafeRaw: other) IS NULL AND l.kind IN (\(unsafeRaw: quotaKinds))) AS BIGINT) AS credited,
                   CAST((SELECT COALESCE(SUM(l.amount_micros), 0) FROM ledger_entries l
                    WHERE l.\(unsafeRaw: owner) = a.id AND l.kind IN ('settle', 'charge')) AS BIGINT) AS spent,
                   CAST((SELECT COALESCE(SUM(h.amount_micros), 0) FROM ledger_entries h
                    WHERE h.\(unsafeRaw: owner) = a.id AND h.kind = 'hold'
                      AND NOT EXISTS (SELECT 1 FROM ledger_entries f WHERE f.idempotency_key = 'final:' || h.reference)) AS BIGINT) AS open_holds
            FROM \(unsafeRaw: table) a ORDER BY a.id
            """
        ).all()
        var found: [Difference] = []
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            let opened = try row.decode(column: "opened", as: Int.self) != 0
            let figures: [(String, Int64?, Int64?)] = [
                ("quota", try row.decode(column: "quota_micros", as: Int64?.self), opened ? try row.decode(column: "credited", as: Int64.self) : nil),
                ("used", try row.decode(column: "used_micros", as: Int64.self), try row.decode(column: "spent", as: Int64.self)),
                ("held", try row.decode(column: "held_micros", as: Int64.self), try row.decode(column: "open_holds", as: Int64.self)),
            ]
            for (column, stored, ledger) in figures where stored != ledger {
                found.append(Difference(account: account, id: id, column: column, storedMicros: stored, ledgerMicros: ledger))
            }
        }
        return found
    }
}
