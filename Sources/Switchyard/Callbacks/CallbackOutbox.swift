import SQLKit

/// The outbox of customer callbacks: rows written in the same transaction as the task change they announce, then
/// delivered by `CallbackSender`.
public enum CallbackOutbox {
    /// Queues one delivery; the event key makes a repeated enqueue of the same event a no-op.
    static func enqueue(in sql: any SQLDatabase, taskID: String, eventKey: String, url: String, payload: String, now: Int64) async throws {
        try await sql.raw(
            """
            INSERT INTO callbacks (task_id, event_key, url, payload, next_attempt_at, created_at)
            VALUES (\(bind: taskID), \(bind: eventKey), \(bind: url), \(bind: payload), \(bind: now), \(bind: now))
            ON CONFLICT(event_key) DO NOTHING
            """
        ).run()
    }

    /// One queued delivery.
    struct Delivery: Sendable {
        let id: Int64
        let taskID: String
        let url: String
        let payload: String
        let attempts: Int
        /// The family of the task it announces and the customer key that owns it (which sign some families' callbacks).
        var family: String? = nil
        var tokenID: String? = nil
    }

    /// Leases up to `limit` due deliveries, at most one per task and only the earliest one still pending of its
    /// task: a later event never overtakes an earlier one that is in flight or waiting out its backoff. An event
    /// given up (`failed`) or `refused` no longer holds the ones after it back.
    ///
    /// Several gateway instances may lease at once (PostgreSQL): the subquery skips rows another is leasing, and the
    /// outer conditions, checked again on the row as it is when written, keep a row from being leased twice.
    static func leaseDue(database: Database, now: Int64, limit: Int, leaseMillis: Int64) async throws -> [Delivery] {
        let skipLocked = SQLDialectPieces.skipLocked(database.dialect)
        return try await database.write { sql in
            try await sql.raw(
                """
                UPDATE callbacks SET lease_until = \(bind: now + leaseMillis)
                WHERE id IN (SELECT c.id FROM callbacks c
                             WHERE c.state = 'pending' AND c.next_attempt_at <= \(bind: now) AND c.lease_until <= \(bind: now)
                               AND NOT EXISTS (SELECT 1 FROM callbacks e WHERE e.task_id = c.task_id AND e.state = 'pending' AND e.id < c.id)
                             ORDER BY c.next_attempt_at, c.id LIMIT \(bind: limit) \(unsafeRaw: skipLocked))
                    AND state = 'pending' AND lease_until <= \(bind: now)
                RETURNING id, task_id, url, payload, attempts,
                    (SELECT family FROM tasks t WHERE t.id = callbacks.task_id) AS family,
                    (SELECT token_id FROM tasks t WHERE t.id = callbacks.task_id) AS token_id
                """
            ).all().map {
                Delivery(
                    id: try $0.decode(column: "id", as: Int64.self), taskID: try $0.decode(column: "task_id", as: String.self),
                    url: try $0.decode(column: "url", as: String.self),
                    payload: try $0.decode(column: "payload", as: String.self), attempts: try $0.decode(column: "attempts", as: Int.self),
                    family: try $0.decode(column: "family", as: String?.self), tokenID: try $0.decode(column: "token_id", as: String?.self))
            }
        }
    }

    /// Records a delivery's outcome: `delivered`, `refused` (target not allowed), `failed` (gave up), or `pending` again.
    static func record(database: Database, id: Int64, state: String, attempts: Int, nextAttemptAt: Int64, error: String?) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                UPDATE callbacks SET state = \(bind: state), attempts = \(bind: attempts), next_attempt_at = \(bind: nextAttemptAt),
                    lease_until = 0, last_error = \(bind: error)
                WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// A callback row, for tests and operators.
    public struct Row: Sendable, Equatable {
        public let eventKey: String
        public let url: String
        public let state: String
        public let attempts: Int
        public let lastError: String?
    }

    public static func rows(database: Database, taskID: String) async throws -> [Row] {
        try await database.read.raw("SELECT * FROM callbacks WHERE task_id = \(bind: taskID) ORDER BY id").all().map {
            Row(
                eventKey: try $0.decode(column: "event_key", as: String.self), url: try $0.decode(column: "url", as: String.self),
                state: try $0.decode(column: "state", as: String.self), attempts: try $0.decode(column: "attempts", as: Int.self),
                lastError: try $0.decode(column: "last_error", as: String?.self))
        }
    }
}
