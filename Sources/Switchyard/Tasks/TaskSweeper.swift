import Logging
import ServiceLifecycle

/// Makes sure no task stays live forever unnoticed: fails and refunds tasks past the maximum age, and flags tasks
/// whose submitter died while they were `submitting`. The upstream may or may not have accepted such a task, so
/// refunding it could give away a generation the platform pays for; its hold stays, and an operator reconciles it
/// (`/api/reconcile`).
public struct TaskSweeper: Service {
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
                await sweep()
                try? await Task.sleep(for: .milliseconds(engine.settings.sweepIntervalMillis))
            }
        }
    }

    /// One pass; returns how many tasks it ended or flagged.
    @discardableResult
    public func sweep() async -> Int {
        var ended = 0
        let now = engine.clock.nowMillis()
        do {
            for task in try await engine.store.orphanedSubmissions(updatedBefore: now - engine.settings.submitGraceMillis, limit: 100) {
                if try await engine.store.flagForReconciliation(id: task.id) {
                    logger.warning("interrupted submission held for reconciliation", metadata: ["task": "\(task.id)"])
                    ended += 1
                }
            }
            for task in try await engine.store.live(createdBefore: now - engine.settings.maxTaskAgeMillis, limit: 100) {
                guard let family = engine.families.family(named: task.family) else { continue }
                if try await engine.fail(task, reason: "The generation did not finish in time; nothing was charged", family: family) != nil {
                    logger.warning("swept stuck task", metadata: ["task": "\(task.id)"])
                    ended += 1
                }
            }
        } catch {
            logger.error("sweep failed", metadata: ["error": "\(error)"])
        }
        return ended
    }
}
