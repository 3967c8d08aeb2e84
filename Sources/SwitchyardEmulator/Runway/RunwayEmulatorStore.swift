import Synchronization

/// A Runway task: a kit job whose output is itself (one video or image).
typealias RunwayTask = EmulatorJob<RunwayTaskPlan>

/// The Runway emulator's tasks, on the kit's job store, and which of them were cancelled while live.
final class RunwayEmulatorStore: Sendable {
    private let tasks = EmulatorRecordStore<RunwayTask>()
    private let cancelled = Mutex<Set<String>>([])
    private let clock: EmulatorClock

    init(clock: EmulatorClock) {
        self.clock = clock
    }

    /// Stores a task submitted now by `ownerKey`; `fail` makes it end FAILED, other faults are ignored.
    func submit(_ plan: RunwayTaskPlan, ownerKey: String, fault: EmulatorFault?) -> RunwayTask {
        let outcome: EmulatorJobOutcome = fault == .fail || fault == .partial ? .fails : .succeeds
        return tasks.submit(plan, ownerKey: ownerKey, outcome: outcome, clock: clock)
    }

    /// `ownerKey`'s task with `id`, nil when unknown, deleted or someone else's.
    func task(_ id: String, ownerKey: String) -> RunwayTask? {
        tasks.record(id).flatMap { $0.ownerKey == ownerKey ? $0 : nil }
    }

    func isCancelled(_ id: String) -> Bool {
        cancelled.withLock { $0.contains(id) }
    }

    /// Runway's DELETE: a live task is cancelled (it reads CANCELLED from then on), any other one is deleted.
    func cancelOrDelete(_ task: RunwayTask, live: Bool) {
        if live, cancelled.withLock({ $0.insert(task.id).inserted }) { return }
        cancelled.withLock { _ = $0.remove(task.id) }
        _ = tasks.remove(task.id)
    }
}
