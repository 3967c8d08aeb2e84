import Foundation

/// A Flux task: a kit job whose plan is the image it makes.
typealias FluxTask = EmulatorJob<FluxTaskPlan>

/// The Flux emulator's tasks, and the signature each task's sample URL carries.
final class FluxEmulatorStore: Sendable {
    private let tasks = EmulatorRecordStore<FluxTask>()
    /// A secret per task, the `sig` of its sample URL: a URL with another expiry or signature is refused.
    private let signatures = EmulatorRecordStore<String>()
    private let clock: EmulatorClock

    init(clock: EmulatorClock) {
        self.clock = clock
    }

    /// Stores a task submitted now by `ownerKey` and returns it; the `fail` fault makes it end in `Error`.
    func submit(_ plan: FluxTaskPlan, ownerKey: String, fault: EmulatorFault?) -> FluxTask {
        let outcome: EmulatorJobOutcome = EmulatorJobOutcome(fault: fault).jobFails ? .fails : .succeeds
        let task = tasks.submit(plan, ownerKey: ownerKey, outcome: outcome, clock: clock)
        signatures.insert(EmulatorIdentifier.uuid().replacingOccurrences(of: "-", with: ""), id: task.id)
        return task
    }

    /// The task with `id`, nil when unknown.
    func task(_ id: String) -> FluxTask? {
        tasks.record(id)
    }

    /// The signature of the sample URL of task `id`.
    func signature(_ id: String) -> String? {
        signatures.record(id)
    }
}
