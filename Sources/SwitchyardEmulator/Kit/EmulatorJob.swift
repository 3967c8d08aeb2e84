/// One asynchronous job of an emulated upstream: what every family's task or generation has in common.
struct EmulatorJob<Plan: Sendable>: Sendable {
    /// Lowercase UUID, the id the upstream answers.
    let id: String
    /// The bearer key that submitted it; reads that list jobs answer only their caller's.
    let ownerKey: String
    /// When it was submitted; decides its phase.
    let timeline: EmulatorTimeline
    /// The validated request: what the job makes.
    let plan: Plan
    /// How it ends, as a fault chose.
    let outcome: EmulatorJobOutcome
    /// Ids of its outputs (songs, clips), in order; empty for a job whose result is itself (a Luma generation).
    let outputIDs: [String]

    /// The phase at the current instant of `runtime`'s clock.
    func phase(_ runtime: EmulatorRuntime) -> EmulatorTimeline.Phase {
        timeline.phase(at: runtime.clock.now, stepSeconds: runtime.stepSeconds)
    }
}

/// How a created job ends, decided at creation by the outcome faults (`fail`, `partial`, `late-cancel`).
enum EmulatorJobOutcome: Sendable, Equatable {
    /// Every output completes.
    case succeeds
    /// Every output fails.
    case fails
    /// The first output completes, the others fail, and the job fails (a single-output job simply fails).
    case partiallyFails
    /// It succeeds, but a cancel of it is answered late (see `EmulatorFault.lateCancel`).
    case cancelsLate

    /// The outcome `fault` chooses; faults that shape no outcome (and none) let the job succeed.
    init(fault: EmulatorFault?) {
        switch fault {
        case .fail?: self = .fails
        case .partial?: self = .partiallyFails
        case .lateCancel?: self = .cancelsLate
        default: self = .succeeds
        }
    }

    /// Whether output number `index` of `count` ends in error.
    func outputFails(_ index: Int, of count: Int) -> Bool {
        switch self {
        case .succeeds, .cancelsLate: return false
        case .fails: return true
        case .partiallyFails: return count == 1 || index > 0
        }
    }

    /// True when the job as a whole ends failed.
    var jobFails: Bool {
        self == .fails || self == .partiallyFails
    }
}

extension EmulatorRecordStore {
    /// Stores a new job submitted now by `ownerKey`, with `outputs` fresh output ids, and returns it.
    func submit<Plan>(
        _ plan: Plan,
        ownerKey: String,
        outcome: EmulatorJobOutcome,
        clock: EmulatorClock,
        finished: Bool = false,
        outputs: Int = 0
    ) -> EmulatorJob<Plan> where Record == EmulatorJob<Plan> {
        let job = EmulatorJob(
            id: EmulatorIdentifier.uuid(),
            ownerKey: ownerKey,
            timeline: .starting(on: clock, finished: finished),
            plan: plan,
            outcome: outcome,
            outputIDs: (0..<max(0, outputs)).map { _ in EmulatorIdentifier.uuid() }
        )
        insert(job, id: job.id)
        return job
    }
}
