import Logging
import ServiceLifecycle

/// Polls live tasks as they fall due, as a continuous pool: a poll starts as soon as a slot is free, and none waits
/// for another to end. At most `maxConcurrentPolls` run at once and at most `maxPollsPerChannel` to one channel, so
/// an upstream that hangs until its deadline holds only its own slots while every other channel's tasks keep being
/// polled. A leased task is not leased again while its poll runs (`TaskEngine.pollLeaseMillis`).
public struct TaskPoller: Service {
    let engine: TaskEngine
    let logger: Logger

    public init(engine: TaskEngine, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    public func run() async throws {
        // Shutdown cancels the pool; polls in flight are cancelled and their leases lapse.
        await cancelWhenGracefulShutdown { await pollContinuously() }
    }

    /// What ends a wait of the pool: a poll that finished, or the tick.
    private enum Event: Sendable {
        case polled(channelID: Int64?)
        case tick
    }

    private func pollContinuously() async {
        let settings = engine.settings
        var slots = PollSlots(capacity: settings.maxConcurrentPolls, perChannel: settings.maxPollsPerChannel)
        // Under load, freed slots are refilled a few at a time (or at the next tick): one lease per finished poll
        // would double the writes. A few is an eighth of what one channel may run.
        let refillBatch = max(1, min(slots.capacity, slots.perChannel) / 8)
        await withTaskGroup(of: Event.self) { group in
            var tickPending = false
            var leaseNow = true
            var finishedSinceLease = 0
            while !Task.isCancelled {
                if leaseNow {
                    finishedSinceLease = 0
                    for task in await leaseDue(slots) {
                        slots.start(channelID: task.channelID)
                        group.addTask {
                            engine.metrics.taskPollLateness(millis: engine.clock.nowMillis() - task.nextPollAt)
                            await engine.poll(task, logger: logger)
                            return .polled(channelID: task.channelID)
                        }
                    }
                }
                if !tickPending {
                    tickPending = true
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(settings.pollerTickMillis))
                        return .tick
                    }
                }
                switch await group.next() {
                case .tick:
                    tickPending = false
                    leaseNow = true
                case .polled(let channelID):
                    slots.finish(channelID: channelID)
                    finishedSinceLease += 1
                    leaseNow = finishedSinceLease >= refillBatch
                case nil:
                    return
                }
            }
            group.cancelAll()
        }
    }

    /// Leases as many due tasks as there are free slots, within each channel's bound.
    private func leaseDue(_ slots: PollSlots) async -> [TaskRecord] {
        guard slots.free > 0 else { return [] }
        do {
            return try await engine.store.leaseDue(
                limit: slots.free, perChannel: slots.perChannel, busy: slots.byChannel, leaseMillis: engine.pollLeaseMillis)
        } catch {
            logger.error("could not lease due tasks", metadata: ["error": "\(error)"])
            return []
        }
    }
}
