import Dispatch
import Synchronization

/// Task views as last written by this process, so a client polling a task is answered from memory. The engine puts
/// every view it writes here after the write commits; a miss reads the store. On SQLite one gateway process owns its
/// tasks' writes and an entry holds until replaced. On PostgreSQL another instance may move a task at any time, so
/// an entry is served only for `maxAgeMillis` after it was stored; after that the store is read again.
final class TaskViewCache: Sendable {
    struct Entry: Sendable {
        let view: String
        let tokenID: String
        let family: String
        /// When it was stored here (monotonic milliseconds), for the age bound.
        var storedAt: UInt64 = TaskViewCache.monotonicMillis()
    }

    /// How long a view is trusted when several instances share the store: a client polling a task sees another
    /// instance's change within this long, and a burst of polls still reads the store once.
    static let sharedStoreMaxAgeMillis: UInt64 = 250
    private let maxAgeMillis: UInt64?

    private struct Contents {
        var entries: [String: Entry] = [:]
        /// Deleted tasks: a read that began before the delete must not put their view back.
        var deleted: Set<String> = []
    }

    private let contents = Mutex(Contents())
    private let capacity: Int

    init(capacity: Int = 50_000, maxAgeMillis: UInt64? = nil) {
        self.capacity = capacity
        self.maxAgeMillis = maxAgeMillis
    }

    func entry(for id: String) -> Entry? {
        guard let entry = contents.withLock({ $0.entries[id] }) else { return nil }
        if let maxAgeMillis, Self.monotonicMillis() &- entry.storedAt > maxAgeMillis { return nil }
        return entry
    }

    static func monotonicMillis() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1_000_000 }

    func store(_ entry: Entry, for id: String) {
        contents.withLock { contents in
            guard !contents.deleted.contains(id) else { return }
            // Bounded the simple way: when full, start over; misses fall back to the store.
            if contents.entries.count >= capacity, contents.entries[id] == nil { contents.entries.removeAll(keepingCapacity: true) }
            contents.entries[id] = entry
        }
    }

    /// Stores what a read found, unless a write stored a newer view meanwhile or the task was deleted since. An entry
    /// past its age bound is replaced: the read is newer.
    func storeIfAbsent(_ entry: Entry, for id: String) {
        let maxAgeMillis = self.maxAgeMillis
        contents.withLock { contents in
            let current = contents.entries[id]
            let expired = current.map { old in maxAgeMillis.map { entry.storedAt &- old.storedAt > $0 } ?? false } ?? true
            guard expired, !contents.deleted.contains(id) else { return }
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
