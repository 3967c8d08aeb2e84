import Synchronization

/// An in-memory table of one kind of record (jobs, clips, songs, personas) of one emulator instance, keyed by
/// id, remembering insertion order; safe to use from concurrent requests.
final class EmulatorRecordStore<Record: Sendable>: Sendable {
    /// Records by id, and the order they came in, behind one lock.
    private let contents = Mutex(Contents())

    /// The lock-protected part of the store.
    private struct Contents {
        var records: [String: (sequence: Int, record: Record)] = [:]
        var nextSequence = 0
    }

    /// Creates an empty store.
    init() {}

    /// Stores `record` under `id` (replacing any record with that id).
    func insert(_ record: Record, id: String) {
        contents.withLock { contents in
            contents.records[id] = (contents.nextSequence, record)
            contents.nextSequence += 1
        }
    }

    /// Stores records keyed by `id(record)` in one step, so a reader sees all of them or none.
    func insert(_ records: [Record], id: (Record) -> String) {
        contents.withLock { contents in
            for record in records {
                contents.records[id(record)] = (contents.nextSequence, record)
                contents.nextSequence += 1
            }
        }
    }

    /// The record with `id`, nil when unknown or removed.
    func record(_ id: String) -> Record? {
        contents.withLock { $0.records[id]?.record }
    }

    /// The records with `ids` that exist, in the order asked.
    func records(_ ids: [String]) -> [Record] {
        contents.withLock { contents in ids.compactMap { contents.records[$0]?.record } }
    }

    /// Removes the record with `id`; false when there was none.
    func remove(_ id: String) -> Bool {
        contents.withLock { $0.records.removeValue(forKey: id) != nil }
    }

    /// Every record, the newest first (exact even for records stored in the same microsecond).
    func newestFirst() -> [Record] {
        contents.withLock { contents in
            contents.records.values.sorted { $0.sequence > $1.sequence }.map(\.record)
        }
    }
}
