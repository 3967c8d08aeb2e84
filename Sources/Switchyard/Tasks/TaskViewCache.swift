import Synchronization

/// Task views as last written by this process, so a client polling a task is answered from memory. The engine puts
/// every view it writes here after the write commits; a miss reads the store. One gateway process owns its tasks'
/// writes (SQLite); several instances sharing PostgreSQL will need this invalidated across them.
final class TaskViewCache: Sendable {
    struct Entry: Sendable {
        let view: String
        let tokenID: String
        let family: String
    }

    private struct Contents {
        var entries: [String: Entry] = [:]
        /// Deleted tasks: a read that began before the delete must not put their view back.
        var deleted: Set<String> = []
    }

    private let contents = Mutex(Contents())
    private let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    func entry(for id: String) -> Entry? { contents.withLock { $0.entries[id] } }

    func store(_ entry: Entry, for id: String) {
        contents.withLock { contents in
            guard !contents.deleted.contains(id) else { return }
            // Bounded the simple way: when full, start over; misses fall back to the store.
            if contents.entries.count >= capacity, contents.entries[id] == nil { contents.entries.removeAll(keepingCapacity: true) }
            contents.entries[id] = entry
        }
    }

    /// Stores what a read found, unless a write stored a newer view meanwhile or the task was deleted since.
    func storeIfAbsent(_ entry: Entry, for id: String) {
        contents.withLock { contents in
            guard contents.entries[id] == nil, !contents.deleted.contains(id) else { return }
            if contents.entries.count >= capacity { contents.entries.removeAll(keepingCapacity: true) }
            contents.entries[id] = entry
        }
    }

    func remove(_ id: String) { contents.withLock { _ = $0.entries.removeValue(forKey: id) } }

    /// Forgets a deleted task's view for good (a miss reads the store, which no longer shows it).
    func forgetDeleted(_ id: String) {
        contents.withLock { contents in
            contents.entries[id] = nil
            if contents.deleted.count >= capacity { contents.deleted.removeAll(keepingCapacity: true) }
            contents.deleted.insert(id)
        }
    }
}
