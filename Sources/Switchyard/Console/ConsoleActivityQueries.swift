import SQLKit

/// The usage log and the tasks as the console lists them: filtered by user, key, model, family, state and time,
/// one page at a time (one row past the page tells whether another follows), each a single query.
enum ConsoleActivityQueries {
    /// What a listing is narrowed to; nil filters nothing.
    struct Filter: Sendable {
        var userID: String?
        var tokenID: String?
        var model: String?
        var family: String?
        var state: String?
        var start: Int64 = 0
        var end: Int64 = .max / 2
    }

    /// One synchronous call of the usage log.
    struct Call: Sendable {
        let tokenID: String
        let family: String
        let model: String
        let channelID: Int64?
        let inputTokens: Int
        let outputTokens: Int
        let costMicros: Int64
        let latencyMillis: Int
        let status: Int
        let createdAt: Int64
    }

    /// One task as listed.
    struct TaskRow: Sendable {
        let id: String
        let tokenID: String
        let family: String
        let action: String
        let model: String
        let state: String
        let priceMicros: Int64
        /// What its end charged; nil while it is live.
        let chargedMicros: Int64?
        let failureReason: String?
        let view: String?
        let createdAt: Int64
    }

    static func calls(database: Database, _ filter: Filter, limit: Int, offset: Int) async throws -> [Call] {
        try await database.read.raw(
            """
            SELECT token_id, family, model, channel_id, input_tokens, output_tokens, cost_micros, latency_ms, status, created_at
            FROM usage_logs WHERE created_at >= \(bind: filter.start) AND created_at < \(bind: filter.end)
            AND (CAST(\(bind: filter.tokenID) AS TEXT) IS NULL OR token_id = \(bind: filter.tokenID))
            AND (CAST(\(bind: filter.userID) AS TEXT) IS NULL OR token_id IN (SELECT id FROM tokens WHERE user_id = \(bind: filter.userID)))
            AND (CAST(\(bind: filter.model) AS TEXT) IS NULL OR model = \(bind: filter.model)) AND (CAST(\(bind: filter.family) AS TEXT) IS NULL OR family = \(bind: filter.family))
            ORDER BY id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all().map { row in
            Call(
                tokenID: try row.decode(column: "token_id", as: String.self),
                family: try row.decode(column: "family", as: String.self), model: try row.decode(column: "model", as: String.self),
                channelID: try row.decode(column: "channel_id", as: Int64?.self), inputTokens: try row.decode(column: "input_tokens", as: Int.self),
                outputTokens: try row.decode(column: "output_tokens", as: Int.self),
                costMicros: try row.decode(column: "cost_micros", as: Int64.self),
                latencyMillis: try row.decode(column: "latency_ms", as: Int.self), status: try row.decode(column: "status", as: Int.self),
                createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    /// - Parameter withViews: also read each task's customer-facing object (for showing its results).
    static func tasks(database: Database, _ filter: Filter, limit: Int, offset: Int, withViews: Bool = false) async throws -> [TaskRow] {
        try await database.read.raw(
            """
            SELECT id, token_id, family, action, model, state, price_micros, failure_reason, created_at,
                \(unsafeRaw: withViews ? "view" : "NULL AS view"),
                (SELECT CASE kind WHEN 'settle' THEN amount_micros ELSE 0 END FROM ledger_entries
                 WHERE idempotency_key = 'final:' || tasks.id) AS charged_micros
            FROM tasks
            WHERE deleted = 0 AND created_at >= \(bind: filter.start) AND created_at < \(bind: filter.end)
            AND (CAST(\(bind: filter.tokenID) AS TEXT) IS NULL OR token_id = \(bind: filter.tokenID))
            AND (CAST(\(bind: filter.userID) AS TEXT) IS NULL OR token_id IN (SELECT id FROM tokens WHERE user_id = \(bind: filter.userID)))
            AND (CAST(\(bind: filter.model) AS TEXT) IS NULL OR model = \(bind: filter.model)) AND (CAST(\(bind: filter.family) AS TEXT) IS NULL OR family = \(bind: filter.family))
            AND (CAST(\(bind: filter.state) AS TEXT) IS NULL OR state = \(bind: filter.state))
            ORDER BY created_at DESC, id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all().map { row in
            TaskRow(
                id: try row.decode(column: "id", as: String.self), tokenID: try row.decode(column: "token_id", as: String.self),
                family: try row.decode(column: "family", as: String.self), action: try row.decode(column: "action", as: String.self),
                model: try row.decode(column: "model", as: String.self), state: try row.decode(column: "state", as: String.self),
                priceMicros: try row.decode(column: "price_micros", as: Int64.self),
                chargedMicros: try row.decode(column: "charged_micros", as: Int64?.self),
                failureReason: try row.decode(column: "failure_reason", as: String?.self), view: try row.decode(column: "view", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    /// One delivery of a task's callback.
    struct Callback: Sendable {
        let url: String
        let state: String
        let attempts: Int
        let lastError: String?
        let createdAt: Int64
    }

    static func callbacks(database: Database, taskID: String) async throws -> [Callback] {
        try await database.read.raw(
            "SELECT url, state, attempts, last_error, created_at FROM callbacks WHERE task_id = \(bind: taskID) ORDER BY id LIMIT 100"
        ).all().map { row in
            Callback(
                url: try row.decode(column: "url", as: String.self), state: try row.decode(column: "state", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self), lastError: try row.decode(column: "last_error", as: String?.self),
                createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    /// One balance change that names the task (its hold, its settlement or refund).
    struct LedgerEntry: Sendable {
        let kind: String
        let amountMicros: Int64
        let detail: String?
        let createdAt: Int64
    }

    static func ledger(database: Database, reference: String) async throws -> [LedgerEntry] {
        try await database.read.raw(
            "SELECT kind, amount_micros, detail, created_at FROM ledger_entries WHERE reference = \(bind: reference) ORDER BY id LIMIT 100"
        ).all().map { row in
            LedgerEntry(
                kind: try row.decode(column: "kind", as: String.self), amountMicros: try row.decode(column: "amount_micros", as: Int64.self),
                detail: try row.decode(column: "detail", as: String?.self), createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }
}
