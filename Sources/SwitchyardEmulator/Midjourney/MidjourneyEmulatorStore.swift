import Foundation

/// The emulated proxy's tasks, on the kit's record store.
final class MidjourneyEmulatorStore: Sendable {
    private let tasks = EmulatorRecordStore<MidjourneyEmulatorTask>()
    /// The instance's emulated time.
    let clock: EmulatorClock

    init(clock: EmulatorClock) {
        self.clock = clock
    }

    /// A new task id: epoch milliseconds and three random digits, as the proxy makes them (redrawn on a clash).
    func newID() -> String {
        let millis = Int(clock.wallTime(of: clock.now).timeIntervalSince1970 * 1000)
        while true {
            let id = "\(millis)\(String(format: "%03d", Int.random(in: 0..<1000)))"
            if tasks.record(id) == nil { return id }
        }
    }

    func insert(_ task: MidjourneyEmulatorTask) {
        tasks.insert(task, id: task.id)
    }

    /// The caller's task `id`; nil when unknown or another key's.
    func task(_ id: String, ownerKey: String) -> MidjourneyEmulatorTask? {
        tasks.record(id).flatMap { $0.ownerKey == ownerKey ? $0 : nil }
    }
}
