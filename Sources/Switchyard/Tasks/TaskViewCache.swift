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

    private let entries = Mutex<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 50_000) { self.capacity = capacity }

    func entry(for id: String) -> Entry? { entries.withLock { $0[id] } }

    func store(_ entry: Entry, for id: String) {
        entries.withLock { entries in
            // Bounded the simple way: when full, start over; misses fall back to the store.
            if entries.count >= capacity, entries[id] == nil { entries.removeAll(keepingCapacity: true) }
            entries[id] = entry
        }
    }

    /// Stores what a read found, unless a write stored a newer view meanwhile.
    func storeIfAbsent(_ entry: Entry, for id: String) {
        entries.withLock { entries in
            guard entries[id] == nil else { return }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = entry
        }
    }

    func remove(_ id: String) { entries.withLock { _ = $0.removeValue(forKey: id) } }
}
