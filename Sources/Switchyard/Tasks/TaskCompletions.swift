import Synchronization

/// Waiters for tasks to end, keyed by task id: the engine calls `finished` where a task reaches a terminal state,
/// and a caller that answers synchronously (an images route drawing with a task family) waits here instead of
/// reading the store in a tight loop. A wait always ends by its deadline, so a missed signal costs at most one slice.
public final class TaskCompletions: Sendable {
    private enum Entry {
        case waiting(taskID: String, CheckedContinuation<Void, Never>)
        /// The wait ended (deadline or signal) before its continuation was registered.
        case ended
    }

    private let entries = Mutex<[UInt64: Entry]>([:])
    private let counter = Atomic<UInt64>(0)

    public init() {}

    /// Wakes every waiter of `taskID`.
    func finished(_ taskID: String) {
        let woken = entries.withLock { entries -> [CheckedContinuation<Void, Never>] in
            var woken: [CheckedContinuation<Void, Never>] = []
            for (key, entry) in entries {
                guard case .waiting(let id, let continuation) = entry, id == taskID else { continue }
                entries[key] = nil
                woken.append(continuation)
            }
            return woken
        }
        woken.forEach { $0.resume() }
    }

    /// Returns when `taskID` is reported finished or `duration` has passed, whichever is first.
    func wait(for taskID: String, upTo duration: Duration) async {
        let key = counter.add(1, ordering: .relaxed).newValue
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: duration)
                self.end(key)
            }
            group.addTask {
                await withCheckedContinuation { continuation in self.register(key, taskID: taskID, continuation) }
            }
            // Whichever ends first: the cancelled sleeper then ends the wait too (and marks it, which is cleared below).
            await group.next()
            group.cancelAll()
        }
        entries.withLock { $0[key] = nil }
    }

    private func register(_ key: UInt64, taskID: String, _ continuation: CheckedContinuation<Void, Never>) {
        let endedAlready = entries.withLock { entries -> Bool in
            if case .ended? = entries[key] {
                entries[key] = nil
                return true
            }
            entries[key] = .waiting(taskID: taskID, continuation)
            return false
        }
        if endedAlready { continuation.resume() }
    }

    /// Ends wait `key`: wakes its waiter if registered, else marks it so that a later registration returns at once.
    private func end(_ key: UInt64) {
        let continuation = entries.withLock { entries -> CheckedContinuation<Void, Never>? in
            switch entries[key] {
            case .waiting(_, let continuation)?:
                entries[key] = nil
                return continuation
            case .ended?:
                return nil
            case nil:
                entries[key] = .ended
                return nil
            }
        }
        continuation?.resume()
    }
}
