import SQLKit

/// The money ledger: every change of a token's balance is an append-only entry with an idempotency key.
///
/// A hold reserves money before work starts; it ends in exactly one settle or one refund. Exactly-once is enforced
/// by the store, not by callers: the settle and the refund of one hold share one idempotency key
/// (`final:<reference>`), so whichever is written first wins and every later attempt, concurrent or after a
/// restart, changes nothing.
public enum Ledger {
    /// How a hold ends.
    public enum Resolution: String, Sendable {
        case settle
        case refund
    }

    /// Reserves `amountMicros` on the token inside the caller's transaction, or throws `insufficientQuota`.
    public static func hold(
        in sql: any SQLDatabase, tokenID: String, amountMicros: Int64, reference: String, detail: String, now: Int64
    ) async throws {
        precondition(amountMicros >= 0, "a hold is never negative")
        let reserved = try await sql.raw(
            """
            UPDATE tokens SET held_micros = held_micros + \(bind: amountMicros)
            WHERE id = \(bind: tokenID) AND status = 'active'
              AND (quota_micros IS NULL OR quota_micros - used_micros - held_micros >= \(bind: amountMicros))
            RETURNING id
            """
        ).first()
        guard reserved != nil else { throw GatewayError.insufficientQuota(neededMicros: amountMicros) }
        try await sql.raw(
            """
            INSERT INTO ledger_entries (token_id, kind, amount_micros, idempotency_key, reference, detail, created_at)
            VALUES (\(bind: tokenID), 'hold', \(bind: amountMicros), \(bind: "hold:" + reference), \(bind: reference), \(bind: detail), \(bind: now))
            """
        ).run()
    }

    /// Ends the hold of `reference` inside the caller's transaction. Returns false when it was already ended (or
    /// never held), in which case nothing changes.
    ///
    /// - Parameter settleMicros: what to charge on settle; defaults to the amount held. Ignored on refund.
    @discardableResult
    public static func resolve(
        in sql: any SQLDatabase, reference: String, as resolution: Resolution, settleMicros: Int64? = nil, now: Int64
    ) async throws -> Bool {
        guard
            let hold = try await sql.raw(
                """
                SELECT token_id, amount_micros FROM ledger_entries WHERE idempotency_key = \(bind: "hold:" + reference)
                """
            ).first()
        else { return false }
        let tokenID = try hold.decode(column: "token_id", as: String.self)
        let held = try hold.decode(column: "amount_micros", as: Int64.self)
        let charged = resolution == .settle ? (settleMicros ?? held) : 0
        let inserted = try await sql.raw(
            """
            INSERT INTO ledger_entries (token_id, kind, amount_micros, idempotency_key, reference, detail, created_at)
            VALUES (\(bind: tokenID), \(bind: resolution.rawValue), \(bind: resolution == .settle ? charged : held),
                    \(bind: "final:" + reference), \(bind: reference), NULL, \(bind: now))
            ON CONFLICT(idempotency_key) DO NOTHING
            RETURNING id
            """
        ).first()
        guard inserted != nil else { return false }
        try await sql.raw(
            """
            UPDATE tokens SET held_micros = held_micros - \(bind: held), used_micros = used_micros + \(bind: charged)
            WHERE id = \(bind: tokenID)
            """
        ).run()
        return true
    }

    /// One ledger entry, for tests and operators.
    public struct Entry: Sendable, Equatable {
        public let kind: String
        public let amountMicros: Int64
        public let reference: String?
    }

    /// Every entry about `reference`, oldest first.
    public static func entries(in sql: any SQLDatabase, reference: String) async throws -> [Entry] {
        try await sql.raw("SELECT kind, amount_micros, reference FROM ledger_entries WHERE reference = \(bind: reference) ORDER BY id")
            .all()
            .map {
                Entry(
                    kind: try $0.decode(column: "kind", as: String.self),
                    amountMicros: try $0.decode(column: "amount_micros", as: Int64.self),
                    reference: try $0.decode(column: "reference", as: String?.self))
            }
    }
}
