import SQLKit
import Synchronization

/// Runs many small write transactions as one: concurrent callers queue their bodies, and whichever caller finds no
/// group running commits everything queued so far in one `BEGIN … COMMIT`, then wakes the others.
///
/// SQLite has one writer and writes every page a transaction touched to the log at each commit; a hold and a task
/// row touch the same few pages as their neighbours', so thirty-two creates committed together write those pages
/// once instead of thirty-two times, and pay one `BEGIN` and one `COMMIT`. Durability is unchanged: no caller
/// returns before the commit that holds its writes. A body that throws rolls back its whole group; the group is then
/// run again one body per transaction, so one caller's refusal (no money left) never fails its neighbours.
///
/// Bodies must only write SQL (they may run twice: once in a group that rolled back, once alone).
final class GroupCommit: Sendable {
    private struct Waiting: Sendable {
        let body: @Sendable (any SQLDatabase) async throws -> Void
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Waiting] = []
        var committing = false
    }

    /// Bodies per transaction: enough to share the commit, few enough that no transaction holds the writer long.
    static let maximumGroup = 64

    private let state = Mutex(State())

    /// Runs `body` inside a write transaction, possibly shared with others; returns once it is committed.
    func run(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Void, in database: Database) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let leads = state.withLock { state -> Bool in
                state.queue.append(Waiting(body: body, continuation: continuation))
                guard !state.committing else { return false }
                state.committing = true
                return true
            }
            // The first caller of a quiet moment commits at once; later ones join the next group.
            if leads { Task { await self.commitQueued(in: database) } }
        }
    }

    /// Commits groups until the queue is empty.
    private func commitQueued(in database: Database) async {
        while true {
            let group = state.withLock { state -> [Waiting] in
                let group = Array(state.queue.prefix(Self.maximumGroup))
                state.queue.removeFirst(group.count)
                if group.isEmpty { state.committing = false }
                return group
            }
            guard !group.isEmpty else { return }
            do {
                try await database.transaction { sql in
                    for waiting in group { try await waiting.body(sql) }
                }
                for waiting in group { waiting.continuation.resume() }
            } catch {
                guard group.count > 1 else {
                    group[0].continuation.resume(throwing: error)
                    continue
                }
                for waiting in group {
                    do {
                        try await database.transaction { sql in try await waiting.body(sql) }
                        waiting.continuation.resume()
                    } catch {
                        waiting.continuation.resume(throwing: error)
                    }
                }
            }
        }
    }
}
