import SQLKit

/// The dashboard's figures, each one aggregate query over calls and tasks together: a synchronous call is a row
/// of `usage_logs` (an error when its status is 400 or more), a task is a row of `tasks` (an error when it
/// failed) whose spend is what its end charged. Plain SQL that PostgreSQL runs as well.
enum ConsoleDashboardQueries {
    /// Calls, errors and spend of one family, channel or day.
    struct Totals: Sendable, Equatable {
        var key: String
        var calls: Int = 0
        var errors: Int = 0
        var spendMicros: Int64 = 0

        /// Errors as a share of calls, for display ("2.5%").
        var errorRate: String {
            guard calls > 0 else { return "–" }
            let permille = errors * 1000 / calls
            return "\(permille / 10).\(permille % 10)%"
        }
    }

    /// What the breakdowns group by: a fixed expression, never the request's text.
    enum Dimension: String {
        case family, channel
        /// A UTC day, as days since 1970 (integer division works alike in SQLite and PostgreSQL).
        case day

        var expression: String {
            switch self {
            case .family: return "family"
            case .channel: return "COALESCE(CAST(channel_id AS TEXT), 'none')"
            case .day: return "CAST(at / 86400000 AS TEXT)"
            }
        }
    }

    static func totals(database: Database, by dimension: Dimension, start: Int64, end: Int64) async throws -> [Totals] {
        try await database.read.raw(
            """
            SELECT \(unsafeRaw: dimension.expression) AS bucket, COUNT(*) AS calls, CAST(SUM(failed) AS BIGINT) AS errors, CAST(SUM(spend) AS BIGINT) AS spend FROM (
                SELECT family, channel_id, created_at AS at, CASE WHEN status >= 400 THEN 1 ELSE 0 END AS failed, cost_micros AS spend
                FROM usage_logs WHERE created_at >= \(bind: start) AND created_at < \(bind: end)
                UNION ALL
                SELECT k.family, k.channel_id, k.created_at, CASE WHEN k.state = 'failed' THEN 1 ELSE 0 END,
                    COALESCE((SELECT l.amount_micros FROM ledger_entries l WHERE l.idempotency_key = 'final:' || k.id AND l.kind = 'settle'), 0)
                FROM tasks k WHERE k.created_at >= \(bind: start) AND k.created_at < \(bind: end)
            ) activity GROUP BY bucket ORDER BY bucket
            """
        ).all().map { row in
            Totals(
                key: try row.decode(column: "bucket", as: String.self), calls: try row.decode(column: "calls", as: Int.self),
                errors: try row.decode(column: "errors", as: Int?.self) ?? 0, spendMicros: try row.decode(column: "spend", as: Int64?.self) ?? 0)
        }
    }

    /// Tasks not yet finished, and those held until an operator decides them.
    static func taskQueues(database: Database) async throws -> (live: Int, reconciliation: Int) {
        let row = try await database.read.raw(
            """
            SELECT CAST(SUM(CASE WHEN state IN ('submitting', 'queued', 'running') THEN 1 ELSE 0 END) AS BIGINT) AS live,
                CAST(SUM(CASE WHEN state = 'submitting' AND needs_reconciliation = 1 THEN 1 ELSE 0 END) AS BIGINT) AS held
            FROM tasks WHERE deleted = 0 AND state IN ('submitting', 'queued', 'running')
            """
        ).first()
        return (try row?.decode(column: "live", as: Int?.self) ?? 0, try row?.decode(column: "held", as: Int?.self) ?? 0)
    }

    /// Tasks started each day that are still live, and those flagged for reconciliation, by day of creation.
    static func queueDays(database: Database, start: Int64) async throws -> [String: (live: Int, held: Int)] {
        var days: [String: (live: Int, held: Int)] = [:]
        for row in try await database.read.raw(
            """
            SELECT CAST(created_at / 86400000 AS TEXT) AS bucket, COUNT(*) AS live,
                CAST(SUM(CASE WHEN state = 'submitting' AND needs_reconciliation = 1 THEN 1 ELSE 0 END) AS BIGINT) AS held
            FROM tasks WHERE deleted = 0 AND state IN ('submitting', 'queued', 'running') AND created_at >= \(bind: start)
            GROUP BY bucket
            """
        ).all() {
            days[try row.decode(column: "bucket", as: String.self)] = (
                try row.decode(column: "live", as: Int.self), try row.decode(column: "held", as: Int?.self) ?? 0
            )
        }
        return days
    }
}
