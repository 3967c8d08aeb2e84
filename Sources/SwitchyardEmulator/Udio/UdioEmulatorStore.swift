/// A Udio task: a kit job whose outputs are its two songs.
typealias UdioTask = EmulatorJob<UdioSongPlan>

/// The Udio emulator's tasks and songs, on the kit's job and record stores.
final class UdioEmulatorStore: Sendable {
    /// Songs each task makes.
    static let songsPerTask = 2

    /// Tasks by id.
    private let tasks = EmulatorRecordStore<UdioTask>()
    /// Songs by id.
    private let songs = EmulatorRecordStore<UdioSong>()
    /// The instance's emulated time.
    private let clock: EmulatorClock

    /// Creates an empty store whose timelines follow `clock`.
    init(clock: EmulatorClock) {
        self.clock = clock
    }

    /// Stores a task submitted now by `ownerKey` and its two songs, and returns the task.
    /// - Parameter fault: `fail` makes both songs fail; `partial` the second; other faults are ignored.
    func submit(_ plan: UdioSongPlan, ownerKey: String, fault: EmulatorFault?) -> UdioTask {
        let outcome = EmulatorJobOutcome(fault: fault) == .cancelsLate ? .succeeds : EmulatorJobOutcome(fault: fault)
        let task = tasks.submit(plan, ownerKey: ownerKey, outcome: outcome, clock: clock, outputs: Self.songsPerTask)
        let made = task.outputIDs.enumerated().map { index, id in
            UdioSong(
                id: id, taskID: task.id, ownerKey: ownerKey, plan: plan, timeline: task.timeline,
                endsInError: outcome.outputFails(index, of: task.outputIDs.count))
        }
        songs.insert(made, id: \.id)
        return task
    }

    /// The task with `id`, nil when unknown.
    func task(_ id: String) -> UdioTask? {
        tasks.record(id)
    }

    /// The song with `id`, nil when unknown.
    func song(_ id: String) -> UdioSong? {
        songs.record(id)
    }

    /// The songs with `ids` that exist, in the order asked.
    func songs(_ ids: [String]) -> [UdioSong] {
        songs.records(ids)
    }

    /// `fail_reason` of `task` when it ends failed, nil when it succeeds.
    static func failReason(of task: UdioTask) -> String? {
        switch task.outcome {
        case .fails: return UdioCatalog.emulatedFailureReason
        case .partiallyFails: return UdioCatalog.partialFailureReason
        case .succeeds, .cancelsLate: return nil
        }
    }
}
