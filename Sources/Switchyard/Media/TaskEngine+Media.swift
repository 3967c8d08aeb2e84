import Logging

/// The media copy inside the engine: a result that arrives finished is copied into the media store before it is
/// stored, rendered and sent, so every answer and callback links to the gateway's copies.
///
/// A file that cannot be copied on the poll that saw the task finish is tried again on the next polls, while the
/// task stays live and unsettled (`media.copy_attempts` polls in all); after the last, the task finishes with the
/// upstream's link for that file and a warning is logged. A refused source (the SSRF guard) or a file above the
/// size cap is not tried again: the task finishes at once with the upstream's link. A result that arrives finished
/// in the submit answer (synchronous upstreams) is copied once, as the customer is waiting for it. Files already
/// copied for a task are never copied again.
///
/// The copy runs under the poll's ordinary lease: a copy that outlasts it (a very large file) may be started again
/// by the next poll, and the store keeps the first that lands. A stretched lease would save that, at the price of
/// holding a task that a stopped or cancelled copy leaves behind.
extension TaskEngine {
    /// Copies the files of `observation`'s result (when it is a success), then hands the rewritten observation to
    /// `record`. Returns nil, recording nothing, when the task is to be polled again for another try.
    func recordCopyingMedia(
        _ observation: TaskObservation, on task: TaskRecord, family: any TaskFamily, mayRetry: Bool, logger: Logger,
        record: (TaskObservation) async throws -> TaskRecord?
    ) async throws -> TaskRecord? {
        guard let media, observation.state == .succeeded, let result = observation.result else { return try await record(observation) }
        let files = family.mediaURLs(in: result)
        let plan = try await media.plan(result, files: files, of: task)
        guard !plan.sources.isEmpty else { return try await record(observation) }
        let outcome = await media.copy(result, plan: plan, of: task, logger: logger)
        // Cut short by shutdown: not the source's failure, and nothing to record; the next start polls again.
        try Task.checkCancellation()
        if outcome.failures > 0 {
            let metadata: Logger.Metadata = [
                "task": "\(task.id)", "failed": "\(outcome.failures)", "why": "\(outcome.reasons.joined(separator: "; "))",
            ]
            if mayRetry && outcome.transientFailures > 0 && task.mediaAttempts + 1 < media.settings.copyAttempts {
                let attempts = task.pollAttempts + 1
                try await store.deferForMedia(id: task.id, nextPollAt: clock.nowMillis() + pollDelay(attempts: attempts), pollAttempts: attempts)
                logger.info("result files not copied yet; the task is polled again", metadata: metadata)
                return nil
            }
            logger.warning("result files not copied; the answer links to the upstream's files", metadata: metadata)
        }
        var copied = observation
        copied.result = outcome.result
        return try await record(copied)
    }
}
