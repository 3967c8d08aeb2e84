import SQLKit

extension Ledger {
    /// One synchronous call's charge as the batch writer records it.
    struct BatchCharge: Sendable {
        var tokenID: String
        var userID: String?
        var amountMicros: Int64
        var idempotencyKey: String
        var reference: String
        var detail: String
        var price: String
        var now: Int64
    }

    /// Rows per multi-row statement: far below SQLite's 32,766 bound parameters at nine columns a row.
    static let rowsPerStatement = 200

    /// Records many charges inside the caller's transaction in a few statements: the entries in multi-row inserts
    /// (each idempotency key counts once, as in `charge`), then one balance update per token and per user for what
    /// was newly written. Returns the references of the charges written now.
    @discardableResult
    static func charge(in sql: any SQLDatabase, batch: [BatchCharge]) async throws -> Set<String> {
        var written: [BatchCharge] = []
        for start in stride(from: 0, to: batch.count, by: rowsPerStatement) {
            let rows = batch[start..<min(start + rowsPerStatement, batch.count)]
            let values = rows.map { charge -> SQLQueryString in
                """
                (\(bind: charge.tokenID), \(bind: charge.userID), 'charge', \(bind: charge.amountMicros), \(bind: charge.idempotencyKey),
                 \(bind: charge.reference), \(bind: charge.detail), \(bind: charge.price), \(bind: charge.now))
                """
            }
            let inserted = try await sql.raw(
                """
                INSERT INTO ledger_entries (token_id, user_id, kind, amount_micros, idempotency_key, reference, detail, price, created_at)
                VALUES \(values.joined(separator: ", "))
                ON CONFLICT(idempotency_key) DO NOTHING
                RETURNING idempotency_key
                """
            ).all()
            // Each key written now counts once, even should the batch name it twice.
            var keys = Set(try inserted.map { try $0.decode(column: "idempotency_key", as: String.self) })
            written += rows.filter { keys.remove($0.idempotencyKey) != nil }
        }
        var byToken: [String: Int64] = [:]
        var byUser: [String: Int64] = [:]
        for charge in written {
            byToken[charge.tokenID] = Money.saturatingAdd(byToken[charge.tokenID, default: 0], charge.amountMicros)
            if let userID = charge.userID { byUser[userID] = Money.saturatingAdd(byUser[userID, default: 0], charge.amountMicros) }
        }
        for (tokenID, amount) in byToken {
            try await sql.raw("UPDATE tokens SET used_micros = used_micros + \(bind: amount) WHERE id = \(bind: tokenID)").run()
        }
        for (userID, amount) in byUser {
            try await sql.raw("UPDATE users SET used_micros = used_micros + \(bind: amount) WHERE id = \(bind: userID)").run()
        }
        return Set(written.map(\.reference))
    }
}
