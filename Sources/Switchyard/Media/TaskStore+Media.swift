import SQLKit

/// The task write of the media copy: a finished task whose files could not all be copied stays live for another
/// poll.
extension TaskStore {
    /// Counts one more poll that found task `id` finished with files not yet copied, and schedules the next;
    /// the task stays in its live state, unsettled. False when the task moved on meanwhile.
    @discardableResult
    func deferForMedia(id: String, nextPollAt: Int64, pollAttempts: Int) async throws -> Bool {
        try await database.write { sql in
            try await sql.raw(
                """
                UPDATE tasks SET media_attempts = media_attempts + 1, next_poll_at = \(bind: nextPollAt),
                    poll_attempts = \(bind: pollAttempts), lease_until = 0, missing_since = NULL, missing_polls = 0
                WHERE id = \(bind: id) AND state IN ('queued', 'running') RETURNING id
                """
            ).first() != nil
        }
    }
}
