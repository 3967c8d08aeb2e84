import Logging
import ServiceLifecycle

/// Deletes copies whose lifetime ended: their rows, then their files. Runs every `media.sweep_interval_ms`, like
/// the task sweeper; until it runs, an expired copy already answers 410.
public struct MediaSweeper: Service {
    let store: MediaStore
    let settings: MediaSettings
    let logger: Logger

    public func run() async throws {
        // Shutdown cancels the sleep; the loop then ends and the service returns normally.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                try? await Task.sleep(for: .milliseconds(settings.sweepIntervalMillis))
            }
        }
    }

    /// One pass; returns how many copies it deleted.
    @discardableResult
    public func sweep() async -> Int {
        var deleted = 0
        do {
            while !Task.isCancelled {
                let batch = try await store.expired(at: store.clock.nowMillis(), limit: 200)
                for record in batch {
                    try await store.delete(record)
                    deleted += 1
                }
                if batch.count < 200 { break }
            }
        } catch {
            logger.error("media sweep failed", metadata: ["error": "\(error)"])
        }
        if deleted > 0 { logger.info("expired media deleted", metadata: ["files": "\(deleted)"]) }
        return deleted
    }
}
