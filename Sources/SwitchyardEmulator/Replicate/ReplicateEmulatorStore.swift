import Foundation
import Synchronization

/// The emulated account's predictions, and the ones canceled before they ended.
final class ReplicateEmulatorStore: Sendable {
    private let predictions = EmulatorRecordStore<ReplicatePrediction>()
    /// Prediction id → emulated seconds since start when its cancel arrived.
    private let canceled = Mutex<[String: Double]>([:])
    private let clock: EmulatorClock

    init(clock: EmulatorClock) { self.clock = clock }

    func submit(_ plan: ReplicatePredictionPlan, ownerKey: String, fault: EmulatorFault?) -> ReplicatePrediction {
        predictions.submit(plan, ownerKey: ownerKey, outcome: EmulatorJobOutcome(fault: fault), clock: clock)
    }

    func prediction(_ id: String) -> ReplicatePrediction? { predictions.record(id) }

    /// The predictions of `ownerKey`, newest first.
    func predictions(of ownerKey: String) -> [ReplicatePrediction] {
        predictions.newestFirst().filter { $0.ownerKey == ownerKey }
    }

    /// Records a cancel of `prediction` at `elapsed` emulated seconds; the first one counts.
    func cancel(_ prediction: ReplicatePrediction, elapsed: Double) {
        canceled.withLock { if $0[prediction.id] == nil { $0[prediction.id] = elapsed } }
    }

    /// When the prediction was canceled (seconds after its start), nil when it was not.
    func canceledAfter(_ id: String) -> Double? { canceled.withLock { $0[id] } }
}
