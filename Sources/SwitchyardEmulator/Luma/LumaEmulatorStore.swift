import Synchronization

/// The Luma emulator's generations, on the kit's job store, and what GETs have shown of them.
final class LumaEmulatorStore: Sendable {
    /// Generations by id, in creation order.
    private let generations = EmulatorRecordStore<LumaGeneration>()
    /// How many GETs have shown each generation in each state (the `late-cancel` fault waits on it).
    private let shown = Mutex<[String: [LumaGenerationState: Int]]>([:])
    /// The instance's emulated time.
    private let clock: EmulatorClock

    /// Creates an empty store whose timelines follow `clock`.
    init(clock: EmulatorClock) {
        self.clock = clock
    }

    /// Stores a new generation created now by `ownerKey` and returns it.
    func create(_ plan: LumaGenerationPlan, ownerKey: String, outcome: EmulatorJobOutcome) -> LumaGeneration {
        generations.submit(plan, ownerKey: ownerKey, outcome: outcome, clock: clock, finished: plan.finishedAtCreation)
    }

    /// The generation with `id`, nil when unknown or deleted.
    func generation(_ id: String) -> LumaGeneration? {
        generations.record(id)
    }

    /// Removes the generation with `id`; false when there was none.
    func delete(_ id: String) -> Bool {
        shown.withLock { $0[id] = nil }
        return generations.remove(id)
    }

    /// Notes that a GET showed generation `id` in `state`.
    func noteShown(_ id: String, _ state: LumaGenerationState) {
        shown.withLock { $0[id, default: [:]][state, default: 0] += 1 }
    }

    /// How many GETs have shown generation `id` in a state later than `state`.
    func timesShown(_ id: String, laterThan state: LumaGenerationState) -> Int {
        shown.withLock { shown in
            (shown[id] ?? [:]).filter { $0.key.rank > state.rank }.values.reduce(0, +)
        }
    }

    /// One page of generations, newest first, and how many exist in total.
    func page(limit: Int, offset: Int) -> (generations: [LumaGeneration], total: Int) {
        let newestFirst = generations.newestFirst()
        return (Array(newestFirst.dropFirst(offset).prefix(limit)), newestFirst.count)
    }
}
