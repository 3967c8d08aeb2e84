import Foundation
import Synchronization

/// The Luma emulator's in-memory generations, safe to use from concurrent requests.
final class LumaEmulatorStore: Sendable {
    /// Generations by id plus the next insertion number, behind one lock.
    private let contents = Mutex(Contents())

    /// The lock-protected part of the store.
    private struct Contents {
        var generations: [String: LumaGeneration] = [:]
        var nextSequence = 0
        /// How many GETs have shown each generation in each state.
        var shown: [String: [LumaGenerationState: Int]] = [:]
    }

    /// Creates an empty store.
    init() {}

    /// Stores a new generation created now and returns it.
    func create(_ plan: LumaGenerationPlan, endsInFailure: Bool, cancelsLate: Bool = false) -> LumaGeneration {
        let now = Date()
        return contents.withLock { contents in
            let generation = LumaGeneration(
                id: UUID().uuidString.lowercased(),
                kind: plan.kind,
                model: plan.model,
                request: plan.request,
                createdAt: EmulatorTimestamp.iso8601Microseconds(now),
                startedAt: ContinuousClock.now,
                sequence: contents.nextSequence,
                endsInFailure: endsInFailure,
                cancelsLate: cancelsLate,
                finishedAtCreation: plan.finishedAtCreation,
                imageExtension: plan.imageExtension
            )
            contents.nextSequence += 1
            contents.generations[generation.id] = generation
            return generation
        }
    }

    /// The generation with `id`, nil when unknown or deleted.
    func generation(_ id: String) -> LumaGeneration? {
        contents.withLock { $0.generations[id] }
    }

    /// Removes the generation with `id`; false when there was none.
    func delete(_ id: String) -> Bool {
        contents.withLock { contents in
            contents.shown[id] = nil
            return contents.generations.removeValue(forKey: id) != nil
        }
    }

    /// Notes that a GET showed generation `id` in `state`.
    func noteShown(_ id: String, _ state: LumaGenerationState) {
        contents.withLock { $0.shown[id, default: [:]][state, default: 0] += 1 }
    }

    /// How many GETs have shown generation `id` in a state later than `state`.
    func timesShown(_ id: String, laterThan state: LumaGenerationState) -> Int {
        contents.withLock { contents in
            (contents.shown[id] ?? [:]).filter { $0.key.rank > state.rank }.values.reduce(0, +)
        }
    }

    /// One page of generations, newest first, and how many exist in total.
    func page(limit: Int, offset: Int) -> (generations: [LumaGeneration], total: Int) {
        contents.withLock { contents in
            let newestFirst = contents.generations.values.sorted { $0.sequence > $1.sequence }
            return (Array(newestFirst.dropFirst(offset).prefix(limit)), newestFirst.count)
        }
    }
}
