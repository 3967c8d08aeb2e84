import Logging
import ServiceLifecycle

/// Polls live tasks that are due, in leased batches, and records what upstreams say.
public struct TaskPoller: Service {
    let engine: TaskEngine
    let logger: Logger

    public init(engine: TaskEngine, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    public func run() async throws {
        // Shutdown cancels the sleep; the loop then ends and the service returns normally.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let polled = await tick()
                // A full batch means more may be due: go again at once.
                if polled < engine.settings.pollBatchSize {
                    try? await Task.sleep(for: .milliseconds(engine.settings.pollerTickMillis))
                }
            }
        }
    }

    /// Leases and polls one batch of due tasks; returns how many it polled.
    func tick() async -> Int {
        let due: [TaskRecord]
        do {
            due = try await engine.store.leaseDue(limit: engine.settings.pollBatchSize, leaseMillis: engine.settings.leaseMillis)
        } catch {
            logger.error("could not lease due tasks", metadata: ["error": "\(error)"])
            return 0
        }
        await withTaskGroup(of: Void.self) { group in
            for task in due {
                group.addTask { await engine.poll(task, logger: logger) }
            }
        }
        return due.count
    }
}
