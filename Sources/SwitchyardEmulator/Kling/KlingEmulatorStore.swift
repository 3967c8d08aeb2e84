import Synchronization

/// A Kling task: a kit job of the access key that created it, whose outputs are its videos or images.
typealias KlingTask = EmulatorJob<KlingTaskPlan>

/// A video a Kling task made, which video-extend and lip-sync may name.
struct KlingVideo: Sendable {
    let id: String
    let taskID: String
    let ownerKey: String
    let model: String
    let seconds: Double
}

/// The Kling emulator's tasks and videos.
final class KlingEmulatorStore: Sendable {
    private let tasks = EmulatorRecordStore<KlingTask>()
    private let videos = EmulatorRecordStore<KlingVideo>()
    /// Kling's task ids are long decimal numbers; each task takes the next.
    private let nextNumber = Mutex<UInt64>(UInt64.random(in: 700_000_000_000_000_000...799_000_000_000_000_000))
    private let clock: EmulatorClock

    init(clock: EmulatorClock) {
        self.clock = clock
    }

    /// Stores a task created now by `ownerKey`: `fail` makes it end failed; other faults leave it succeeding.
    func submit(_ plan: KlingTaskPlan, ownerKey: String, fault: EmulatorFault?) -> KlingTask {
        let number = nextNumber.withLock { value -> UInt64 in
            value += 1
            return value
        }
        let outcome: EmulatorJobOutcome = fault == .fail || fault == .partial ? .fails : .succeeds
        let outputs = plan.videoSeconds == nil ? 0 : 1
        let job = EmulatorJob(
            id: String(number), ownerKey: ownerKey, timeline: .starting(on: clock), plan: plan, outcome: outcome,
            outputIDs: (0..<outputs).map { _ in EmulatorIdentifier.uuid() })
        tasks.insert(job, id: job.id)
        if let seconds = plan.videoSeconds, !outcome.jobFails {
            videos.insert(
                job.outputIDs.map { KlingVideo(id: $0, taskID: job.id, ownerKey: ownerKey, model: plan.model, seconds: seconds) }, id: \.id)
        }
        return job
    }

    /// The caller's task at `path` whose id or `external_task_id` is `id`.
    func task(_ id: String, path: String, ownerKey: String) -> KlingTask? {
        if let task = tasks.record(id), task.ownerKey == ownerKey, task.plan.path == path { return task }
        return tasks.newestFirst().first { $0.ownerKey == ownerKey && $0.plan.path == path && $0.plan.externalTaskID == id }
    }

    /// The caller's tasks at `path`, newest first.
    func tasks(path: String, ownerKey: String) -> [KlingTask] {
        tasks.newestFirst().filter { $0.ownerKey == ownerKey && $0.plan.path == path }
    }

    /// Whether the caller already gave `external` to a task.
    func hasExternalID(_ external: String, ownerKey: String) -> Bool {
        tasks.newestFirst().contains { $0.ownerKey == ownerKey && $0.plan.externalTaskID == external }
    }

    /// The caller's video `id` with its task.
    func video(_ id: String, ownerKey: String) -> (video: KlingVideo, task: KlingTask)? {
        guard let video = videos.record(id), video.ownerKey == ownerKey, let task = tasks.record(video.taskID) else { return nil }
        return (video, task)
    }
}
