import Logging
import ServiceLifecycle

/// Flags tasks whose submitter died while they were `submitting`: the upstream may or may not have accepted such a
/// task, so refunding it could give away a generation the platform pays for; its hold stays, and an operator
/// reconciles it (`/api/reconcile`).
///
/// Tasks that are submitted are ended only by what their upstream says when polled (see `TaskEngine.poll`), never
/// by their age alone: a task that waited long for its poll may have succeeded upstream.
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

    /// One pass; returns how many tasks it flagged.
    @discardableResult
    public func sweep() async -> Int {
        var flagged = 0
        let now = engine.clock.nowMillis()
        do {
            for task in try await engine.store.orphanedSubmissions(updatedBefore: now - engine.settings.submitGraceMillis, limit: 100) {
                if try await engine.store.flagForReconciliation(id: task.id) {
                    logger.warning("interrupted submission held for reconciliation", metadata: ["task": "\(task.id)"])
                    flagged += 1
                }
            }
        } catch {
            logger.error("sweep failed", metadata: ["error": "\(error)"])
        }
        return flagged
    }
}
