import SQLKit

/// Tasks as stored, with the ledger writes that must happen in the same transaction as their state changes.
public struct TaskStore: Sendable {
    let database: Database
    let clock: Clock
    let views: TaskViewCache

    public init(database: Database, clock: Clock) {
        self.init(database: database, clock: clock, views: TaskViewCache())
    }

    init(database: Database, clock: Clock, views: TaskViewCache) {
        self.database = database
        self.clock = clock
        self.views = views
    }

    /// Stores a new task in `submitting` and holds its price, atomically; throws `insufficientQuota` with nothing
    /// stored when the token cannot pay.
    func insertHeld(_ task: TaskRecord, price: String) async throws {
        // Concurrent creates share one commit; the hold is durable before this returns.
        try await database.groupedTransaction { sql in
            try await Ledger.hold(
                in: sql, tokenID: task.tokenID, amountMicros: task.priceMicros, reference: task.id, price: price, now: task.createdAt)
            try await sql.raw(
                """
                INSERT INTO tasks (id, family, action, model, token_id, channel_id, state, request, upstream_request,
                                   price_micros, callback_url, created_at, updated_at, next_poll_at)
                VALUES (\(bind: task.id), \(bind: task.family), \(bind: task.action), \(bind: task.model), \(bind: task.tokenID),
                        \(bind: task.channelID), 'submitting', \(bind: task.request.encoded()), \(bind: task.upstreamRequest.encoded()),
                        \(bind: task.priceMicros), \(bind: task.callbackURL), \(bind: task.createdAt), \(bind: task.createdAt), 0)
                """
            ).run()
        }
    }

    /// The task `id` if `tokenID` owns it and it is not deleted.
    public func find(id: String, ownedBy tokenID: String) async throws -> TaskRecord? {
        try await database.read.raw("SELECT * FROM tasks WHERE id = \(bind: id) AND token_id = \(bind: tokenID) AND deleted = 0")
            .first().map(TaskRecord.decode)
    }

    /// The rendered view of task `id` for its owner: the hot query path, one indexed read, no decoding.
    public func view(id: String, family: String, ownedBy tokenID: String) async throws -> String? {
        if let cached = views.entry(for: id) {
            return cached.tokenID == tokenID && cached.family == family ? cached.view : nil
        }
        let row = try await database.read.raw(
            """
            SELECT view, token_id, family FROM tasks WHERE id = \(bind: id) AND deleted = 0
            """
        ).first()
        guard let row, let view = try row.decode(column: "view", as: String?.self) else { return nil }
        let entry = TaskViewCache.Entry(
            view: view, tokenID: try row.decode(column: "token_id", as: String.self), family: try row.decode(column: "family", as: String.self))
        views.storeIfAbsent(entry, for: id)
        return entry.tokenID == tokenID && entry.family == family ? view : nil
    }

    public func find(id: String) async throws -> TaskRecord? {
        try await database.read.raw("SELECT * FROM tasks WHERE id = \(bind: id)").first().map(TaskRecord.decode)
    }

    /// The owner's tasks of one family, newest first.
    public func list(family: String, ownedBy tokenID: String, limit: Int, offset: Int) async throws -> (tasks: [TaskRecord], total: Int) {
        let rows = try await database.read.raw(
            """
            SELECT * FROM tasks WHERE token_id = \(bind: tokenID) AND family = \(bind: family) AND deleted = 0
            ORDER BY created_at DESC, id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        let total =
            try await database.read.raw(
                """
                SELECT COUNT(*) AS n FROM tasks WHERE token_id = \(bind: tokenID) AND family = \(bind: family) AND deleted = 0
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        return (try rows.map(TaskRecord.decode), total)
    }

    /// A change to record with a compare-and-swap on the task's state.
    struct Transition: Sendable {
        var from: TaskState
        var to: TaskState
        var channelID: Int64?
        var upstreamID: String?
        var upstreamStatus: String?
        var result: JSONValue?
        var view: String
        var failureReason: String?
        var nextPollAt: Int64
        var pollAttempts: Int
        /// The digest of the observation recorded.
        var observedDigest: String
        /// Ends the hold in the same transaction.
        var resolution: Ledger.Resolution?
        /// What a settle charges when less than the hold (a metered price); the whole hold when nil.
        var settleMicros: Int64?
        /// Callback to enqueue in the same transaction: (event key, url, payload).
        var callbacks: [(key: String, url: String, payload: String)]
    }

    /// Applies `transition` if the task is still in `transition.from`; returns whether this writer won.
    @discardableResult
    func apply(_ transition: Transition, to task: TaskRecord) async throws -> Bool {
        let now = clock.nowMillis()
        let views = self.views
        let moved = try await database.transaction(
            { sql -> (moved: Bool, cache: Bool) in
                let finishedAt: Int64? = transition.to.isTerminal ? now : nil
                let moved = try await sql.raw(
                    """
                    UPDATE tasks SET state = \(bind: transition.to.rawValue),
                        channel_id = COALESCE(\(bind: transition.channelID), channel_id),
                        upstream_id = COALESCE(\(bind: transition.upstreamID), upstream_id),
                        upstream_status = COALESCE(\(bind: transition.upstreamStatus), upstream_status),
                        result = COALESCE(\(bind: transition.result?.encoded()), result),
                        view = \(bind: transition.view),
                        failure_reason = \(bind: transition.failureReason),
                        updated_at = \(bind: now),
                        finished_at = COALESCE(\(bind: finishedAt), finished_at),
                        next_poll_at = \(bind: transition.nextPollAt),
                        poll_attempts = \(bind: transition.pollAttempts),
                        lease_until = 0,
                        needs_reconciliation = 0,
                        missing_since = NULL,
                        missing_polls = 0,
                        observed_digest = \(bind: transition.observedDigest)
                    WHERE id = \(bind: task.id) AND state = \(bind: transition.from.rawValue)
                    RETURNING deleted
                    """
                ).first()
                guard let moved else { return (false, false) }
                if let resolution = transition.resolution {
                    try await Ledger.resolve(in: sql, reference: task.id, as: resolution, settleMicros: transition.settleMicros, now: now)
                }
                for callback in transition.callbacks {
                    try await CallbackOutbox.enqueue(
                        in: sql, taskID: task.id, eventKey: callback.key, url: callback.url, payload: callback.payload, now: now)
                }
                return (true, try moved.decode(column: "deleted", as: Int.self) == 0)
            },
            thenWhileLocked: { outcome in
                // Cached once committed (a reader never sees a view before its ledger entries) and while the write
                // lock is held, so a delete (a write too) either comes after and removes it, or came before and the
                // deleted row is not cached again.
                if outcome.cache { views.store(.init(view: transition.view, tokenID: task.tokenID, family: task.family), for: task.id) }
            })
        return moved.moved
    }

    /// Pushes a live task's next poll back without changing its state; the upstream answered something other than
    /// "not found", so a run of those ends.
    func reschedule(id: String, nextPollAt: Int64, pollAttempts: Int) async throws {
        try await database.write { sql in
            try await sql.raw(
                """
                UPDATE tasks SET next_poll_at = \(bind: nextPollAt), poll_attempts = \(bind: pollAttempts), lease_until = 0,
                    missing_since = NULL, missing_polls = 0
                WHERE id = \(bind: id) AND state IN ('queued', 'running')
                """
            ).run()
        }
    }

    /// A run of "not found" answers: when the first was seen, and on how many polls in a row.
    struct MissingRun: Sendable, Equatable {
        var since: Int64
        var polls: Int
    }

    /// Records that the upstream did not find task `id` (still in `state`) at `now`, and schedules its next poll.
    /// Returns the run this answer belongs to, or nil when the task moved on meanwhile.
    func recordMissing(id: String, state: TaskState, now: Int64, nextPollAt: Int64, pollAttempts: Int) async throws -> MissingRun? {
        try await database.write { sql in
            try await sql.raw(
                """
                UPDATE tasks SET missing_since = COALESCE(missing_since, \(bind: now)), missing_polls = missing_polls + 1,
                    next_poll_at = \(bind: nextPollAt), poll_attempts = \(bind: pollAttempts), lease_until = 0
                WHERE id = \(bind: id) AND state = \(bind: state.rawValue)
                RETURNING missing_since, missing_polls
                """
            ).first().map {
                MissingRun(since: try $0.decode(column: "missing_since", as: Int64.self), polls: try $0.decode(column: "missing_polls", as: Int.self))
            }
        }
    }

    /// Leases up to `limit` live, submitted tasks due for a poll, most overdue first, so no other poller takes them
    /// until `leaseMillis` pass. A channel gets at most `perChannel` polls in flight, counting the `busy` ones it
    /// already has (channel id → polls in flight).
    ///
    /// The work is bounded by `limit`, not by how many tasks are due: candidates come oldest first along the live
    /// tasks' due index, channels already at their bound are left out by the query, and the others are capped here
    /// as the batch fills.
    func leaseDue(limit: Int, perChannel: Int, busy: [Int64: Int], leaseMillis: Int64) async throws -> [TaskRecord] {
        guard limit > 0 else { return [] }
        let now = clock.nowMillis()
        let full = "[" + busy.filter { $0.value >= perChannel }.map { String($0.key) }.joined(separator: ",") + "]"
        return try await database.transaction { sql in
            let candidates = try await sql.raw(
                """
                SELECT id, channel_id FROM tasks
                WHERE state IN ('queued', 'running') AND next_poll_at <= \(bind: now) AND lease_until <= \(bind: now)
                    AND COALESCE(channel_id, -1) NOT IN (SELECT value FROM json_each(\(bind: full)))
                ORDER BY next_poll_at LIMIT \(bind: min(limit, 10_000) * 4)
                """
            ).all()
            var inFlight = busy
            var picked: [String] = []
            for row in candidates where picked.count < limit {
                if let channelID = try row.decode(column: "channel_id", as: Int64?.self) {
                    guard inFlight[channelID, default: 0] < perChannel else { continue }
                    inFlight[channelID, default: 0] += 1
                }
                picked.append(try row.decode(column: "id", as: String.self))
            }
            guard !picked.isEmpty else { return [] }
            return try await sql.raw(
                "UPDATE tasks SET lease_until = \(bind: now + leaseMillis) WHERE id IN (\(binds: picked)) RETURNING *"
            ).all().map(TaskRecord.decode)
        }
    }

    /// Tasks still in `submitting` that were last touched before `cutoff` (their submitter died) and are not yet
    /// flagged.
    func orphanedSubmissions(updatedBefore cutoff: Int64, limit: Int) async throws -> [TaskRecord] {
        try await database.read.raw(
            """
            SELECT * FROM tasks WHERE state = 'submitting' AND updated_at < \(bind: cutoff) AND needs_reconciliation = 0 LIMIT \(bind: limit)
            """
        ).all().map(TaskRecord.decode)
    }

    /// Marks a submission whose upstream outcome is unknown: its hold stays until an operator reconciles it.
    /// Returns false when the task already moved on or was flagged before.
    func flagForReconciliation(id: String) async throws -> Bool {
        try await database.write { sql in
            try await sql.raw(
                """
                UPDATE tasks SET needs_reconciliation = 1, updated_at = \(bind: clock.nowMillis())
                WHERE id = \(bind: id) AND state = 'submitting' AND needs_reconciliation = 0 RETURNING id
                """
            ).first() != nil
        }
    }

    /// Flagged submissions, oldest first.
    func awaitingReconciliation(limit: Int, offset: Int) async throws -> [TaskRecord] {
        try await database.read.raw(
            """
            SELECT * FROM tasks WHERE needs_reconciliation = 1 AND state = 'submitting'
            ORDER BY created_at, id LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all().map(TaskRecord.decode)
    }

    /// Hides a task from its owner's queries (the money stays as it is).
    func markDeleted(id: String) async throws {
        // Forgotten before the write, for good: a read that began earlier cannot put the view back afterwards.
        views.forgetDeleted(id)
        try await database.write { sql in
            try await sql.raw("UPDATE tasks SET deleted = 1, updated_at = \(bind: clock.nowMillis()) WHERE id = \(bind: id)").run()
        }
    }
}
