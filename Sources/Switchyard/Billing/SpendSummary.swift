import SQLKit

/// What customers spent, summed by day, model, channel or user: synchronous calls' charges and settled tasks.
enum SpendSummary {
    enum Dimension: String, Sendable {
        case day, model, channel, user

        /// The grouping expression: chosen from this fixed list, never from the request's text.
        func expression(dialect: StoreDialect) -> String {
            switch self {
            case .day: return SQLDialectPieces.utcDay(ofMillis: "at", dialect: dialect)
            case .model: return "model"
            case .channel: return "COALESCE(CAST(channel_id AS TEXT), 'none')"
            case .user: return "COALESCE(user_id, 'none')"
            }
        }
    }

    struct Row: Sendable, Equatable {
        let key: String
        let spendMicros: Int64
        let calls: Int
    }

    /// Spend between `start` (inclusive) and `end` (exclusive), in milliseconds, ordered by key.
    static func rows(database: Database, by dimension: Dimension, start: Int64, end: Int64) async throws -> [Row] {
        try await database.read.raw(
            """
            SELECT \(unsafeRaw: dimension.expression(dialect: database.dialect)) AS key, CAST(SUM(amount) AS BIGINT) AS spend, COUNT(*) AS calls FROM (
                SELECT u.created_at AS at, u.model AS model, u.channel_id AS channel_id, t.user_id AS user_id, u.cost_micros AS amount
                FROM usage_logs u LEFT JOIN tokens t ON t.id = u.token_id
                WHERE u.cost_micros > 0 AND u.created_at >= \(bind: start) AND u.created_at < \(bind: end)
                UNION ALL
                SELECT l.created_at, k.model, k.channel_id, l.user_id, l.amount_micros
                FROM ledger_entries l JOIN tasks k ON k.id = l.reference
                WHERE l.kind = 'settle' AND l.created_at >= \(bind: start) AND l.created_at < \(bind: end)
            ) AS spent GROUP BY key ORDER BY key
            """
        ).all().map {
            Row(
                key: try $0.decode(column: "key", as: String.self), spendMicros: try $0.decode(column: "spend", as: Int64.self),
                calls: try $0.decode(column: "calls", as: Int.self))
        }
    }
}
