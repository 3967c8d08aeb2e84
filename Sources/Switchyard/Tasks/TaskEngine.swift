import Logging
import NIOCore

/// Runs tasks of every asynchronous family: stores and holds before submitting, submits with failover, records
/// what upstreams say with compare-and-swap transitions, and ends each hold exactly once.
public struct TaskEngine: Sendable {
    let store: TaskStore
    let artifacts: ArtifactStore
    let channels: ChannelStore
    let executor: UpstreamExecutor
    let families: TaskFamilyRegistry
    let prices: PriceBook
    /// Synchronous calls' reservations, which a task's hold must not overlap.
    let spend: SpendBuffer
    let settings: TaskSettings
    let clock: Clock
    let metrics: GatewayMetrics
    /// Copies finished results' files into the gateway's media store; nil when the store is off.
    let media: MediaCopier?
    /// On a store shared by several instances, holds reserve through this instance's leased allowance.
    var allowance: SpendAllowance? = nil
    let selector = ChannelSelector()
    /// Who waits for a task to end (routes that answer synchronously with a task's result).
    let completions = TaskCompletions()

    /// A call a family validated and wants run.
    public struct Draft: Sendable {
        public var family: any TaskFamily
        public var action: String
        public var model: String
        /// The customer's request as accepted (Switchyard ids, defaults filled).
        public var request: JSONValue
        /// The body for the upstream (upstream ids).
        public var upstreamRequest: JSONValue
        /// Facts that price the call besides family, model and action (duration, resolution…).
        public var priceFacts: [String: String]
        public var callbackURL: String?
        /// Which channels may run it.
        public var route: ChannelRoute
        /// The public id to give the task; generated in the family's look.
        public var publicID: String

        public init(
            family: any TaskFamily, action: String, model: String, request: JSONValue, upstreamRequest: JSONValue,
            priceFacts: [String: String] = [:], callbackURL: String?, route: ChannelRoute = .byModel, publicID: String
        ) {
            self.family = family
            self.action = action
            self.model = model
            self.request = request
            self.upstreamRequest = upstreamRequest
            self.priceFacts = priceFacts
            self.callbackURL = callbackURL
            self.route = route
            self.publicID = publicID
        }
    }

    /// Prices, holds, stores and submits a task. Throws (with nothing charged) when it cannot be priced, paid,
    /// routed or accepted upstream.
    public func submit(_ draft: Draft, token: Token, logger: Logger) async throws -> TaskRecord {
        guard token.allows(model: draft.model) else { throw GatewayError.forbidden("This API key may not use model \(draft.model)") }
        var facts = draft.priceFacts
        facts["family"] = draft.family.name
        facts["model"] = draft.model
        facts["action"] = draft.action
        let quote = try await prices.table(atLeast: token.settingsRevision).quote(facts).scaled(
            byPermille: token.priceMultiplierPermille, group: token.owner?.group ?? "")

        let route: [Channel]
        switch draft.route {
        case .pinned(let id):
            guard let channel = try await channels.find(id: id), channel.isEnabled else { throw GatewayError.noChannel(model: draft.model) }
            route = [channel]
        case .byModel:
            route = selector.order(try await channels.candidates(family: draft.family.name, model: draft.model, revision: token.settingsRevision))
        case .anyChannel:
            route = selector.order(try await channels.enabled(family: draft.family.name, revision: token.settingsRevision))
        }
        guard !route.isEmpty else {
            // Where channels alone say which models exist (Replicate), a model none of them names is unknown (404), as
            // on the synchronous routes; a model of the family's own list, or one whose channels are all out of
            // rotation, is a temporary 503.
            if case .byModel = draft.route, draft.family.modelsAreNamedByChannels,
                try await !channels.list().contains(where: { $0.family == draft.family.name && $0.serves(model: draft.model) })
            {
                throw GatewayError.modelNotFound(draft.model)
            }
            throw GatewayError.noChannel(model: draft.model)
        }

        let now = clock.nowMillis()
        var task = TaskRecord(
            id: draft.publicID, family: draft.family.name, action: draft.action, model: draft.model, tokenID: token.id,
            channelID: nil, upstreamID: nil, state: .submitting, upstreamStatus: nil, request: draft.request,
            upstreamRequest: draft.upstreamRequest, result: nil, view: nil, failureReason: nil, priceMicros: quote.amountMicros,
            callbackURL: draft.callbackURL, createdAt: now, updatedAt: now, finishedAt: nil, pollAttempts: 0)
        if let seconds = quote.meteredSeconds { task.request = TaskMetering.marking(task.request, heldSeconds: seconds) }
        // A free task spends nothing a running call could also spend.
        let reserves = task.priceMicros > 0
        if reserves { try await spend.reserve(task.priceMicros, for: token, through: allowance) }
        do {
            try await store.insertHeld(task, price: quote.detail)
        } catch {
            if reserves { spend.release(task.priceMicros, for: token) }
            throw error
        }
        if reserves { spend.holdWritten(task.priceMicros, for: token, now: clock.nowMillis()) }
        metrics.ledger(kind: "hold")

        var answered: (channel: Channel, response: UpstreamResponse, earlierMayHaveAccepted: Bool)
        var outcome: SubmitOutcome
        var candidates = route
        while true {
            do {
                answered = try await executor.sendWithFailover(channels: candidates, authorizer: draft.family.authorizer, logger: logger) { _ in
                    try draft.family.submitRequest(for: task)
                }
            } catch {
                let gatewayError = UpstreamExecutor.classify(error)
                if gatewayError.upstreamMayHaveAccepted {
                    throw try await holdForReconciliation(task, error: gatewayError, logger: logger)
                }
                try await fail(task, reason: gatewayError.message, family: draft.family)
                throw gatewayError
            }
            outcome = draft.family.parseSubmit(answered.response, for: task)
            // A refusal in a readable answer that blames only this upstream account (Midjourney's full queue, no free
            // account) lets the next channel try: nothing was accepted anywhere yet.
            guard case .rejected(let error) = outcome, error.isRetryable, answered.response.isSuccess, !answered.earlierMayHaveAccepted
            else { break }
            candidates.removeAll { $0.id == answered.channel.id }
            if candidates.isEmpty { break }
            logger.info("upstream account refused; trying another channel", metadata: ["channel": "\(answered.channel.id)"])
        }

        switch outcome {
        case .rejected(let error):
            // A success the gateway cannot read may still have made a generation upstream (a refusal in a 200
            // envelope, as Suno relays send, is a refusal); so may a 5xx, which says the upstream failed, not that it
            // did nothing; and a refusal by this channel says nothing of an earlier one that failed after the request
            // reached it.
            let unreadableSuccess = answered.response.isSuccess && error.code == .upstreamMalformed
            if unreadableSuccess || answered.response.status >= 500 || answered.earlierMayHaveAccepted {
                var unknown = error
                unknown.upstreamMayHaveAccepted = true
                throw try await holdForReconciliation(task, error: unknown, logger: logger)
            }
            try await fail(task, reason: error.message, family: draft.family)
            throw error
        case .accepted(let upstreamID, let observation):
            task.channelID = answered.channel.id
            task.upstreamID = upstreamID
            let state: TaskState = observation.state == .submitting ? .queued : observation.state
            // A submit answer's files are copied once, without a retry; whatever fails keeps the upstream's link.
            let moved = try await recordCopyingMedia(observation, on: task, family: draft.family, mayRetry: false, logger: logger) { observation in
                try await record(observation, on: task, moving: .submitting, to: state, family: draft.family)
            }
            logger.info("task submitted", metadata: ["task": "\(task.id)", "channel": "\(answered.channel.id)", "family": "\(task.family)"])
            return moved ?? task
        }
    }

    /// Keeps a submission whose upstream outcome is unknown held and flagged for an operator, neither refunded (the
    /// upstream may be making it) nor charged (it may not), and returns the error to answer the customer with.
    private func holdForReconciliation(_ task: TaskRecord, error: GatewayError, logger: Logger) async throws -> GatewayError {
        _ = try await store.flagForReconciliation(id: task.id)
        metrics.ledger(kind: "unknown_outcome")
        logger.warning("submission outcome unknown; held for reconciliation", metadata: ["task": "\(task.id)", "error": "\(error.code.rawValue)"])
        return GatewayError(
            error.code, error.status,
            error.message + "; whether the provider started the generation is unknown, so its price stays held until the platform finds out")
    }

    /// Records an observation of a live task: moves it forward if it is news, else schedules the next poll.
    @discardableResult
    func observe(_ observation: TaskObservation, on task: TaskRecord, family: any TaskFamily, logger: Logger) async throws -> TaskRecord? {
        switch TaskLifecycle.decide(current: task.state, observed: observation) {
        case .ignore:
            try await scheduleNextPoll(task)
            return nil
        case .move(let state, _) where state == task.state && observation.digest == task.observedDigest:
            // The same answer as last time: nothing to publish, render or tell; only the next poll moves.
            try await scheduleNextPoll(task)
            return nil
        case .move(let state, _):
            // Only the arrival of a success copies files (once per task and file, retried on later polls).
            return try await recordCopyingMedia(observation, on: task, family: family, mayRetry: true, logger: logger) { observation in
                try await record(observation, on: task, moving: task.state, to: state, family: family)
            }
        }
    }

    /// Writes the transition `from` → `to` with the observation's data, the ledger outcome and the callback.
    private func record(
        _ observation: TaskObservation, on task: TaskRecord, moving from: TaskState, to: TaskState, family: any TaskFamily
    ) async throws -> TaskRecord? {
        var updated = task
        updated.state = to
        updated.upstreamStatus = observation.upstreamStatus
        var result = observation.result
        if let upstreamResult = result, let producing = family as? any ArtifactProducingTaskFamily, let channelID = task.channelID {
            result = try await artifacts.publish(
                producing.artifacts(in: upstreamResult, of: task), in: upstreamResult, task: task, channelID: channelID, family: producing)
        }
        if let result { updated.result = result }
        updated.failureReason = to == .failed ? (observation.failureReason ?? "Generation failed") : nil
        updated.updatedAt = clock.nowMillis()
        if to.isTerminal { updated.finishedAt = updated.updatedAt }
        let stateChanged = from != to
        updated.pollAttempts = stateChanged ? 0 : task.pollAttempts + 1
        let view = family.render(updated)
        updated.view = view
        let resolution = TaskLifecycle.resolution(arriving: to)
        // A price per measured second charges what the upstream measured, never above the hold.
        let settleMicros = resolution == .settle ? TaskMetering.settleMicros(for: task, observation: observation, family: family) : nil
        var callbacks: [(key: String, url: String, payload: String)] = []
        if stateChanged, let url = task.callbackURL {
            // A success the poller saw only at the end still passed through `running` upstream; the customer is told
            // of it first, as the provider would have, with what was known before the result.
            let posted = family.callbackStates(of: task)
            if to == .succeeded, from.rank < TaskState.running.rank, posted.contains(.running) {
                var running = task
                running.state = .running
                callbacks.append(("\(task.id):\(TaskState.running.rawValue)", url, family.render(running)))
            }
            if posted.contains(to) { callbacks.append(("\(task.id):\(to.rawValue)", url, view)) }
        }
        if !stateChanged, family.reportsEveryChange, view != task.view, family.callbackStates(of: task).contains(to), let url = task.callbackURL {
            // News the customer can see within a state (progress): keyed by what the upstream said, so a repeated
            // answer is not sent twice.
            callbacks.append(("\(task.id):\(to.rawValue):\(observation.digest)", url, view))
        }
        let delay = pollDelay(attempts: updated.pollAttempts)
        let transition = TaskStore.Transition(
            from: from, to: to, channelID: updated.channelID, upstreamID: updated.upstreamID, upstreamStatus: observation.upstreamStatus,
            result: result, view: view, failureReason: updated.failureReason, nextPollAt: updated.updatedAt + delay,
            pollAttempts: updated.pollAttempts, observedDigest: observation.digest, resolution: resolution, settleMicros: settleMicros,
            callbacks: callbacks)
        guard try await store.apply(transition, to: task) else { return nil }
        if stateChanged { metrics.taskTransition(family: task.family, state: to.rawValue) }
        if to.isTerminal { completions.finished(task.id) }
        if let resolution { metrics.ledger(kind: resolution.rawValue) }
        return updated
    }

    /// Ends a live task as failed and refunds it (once).
    @discardableResult
    func fail(_ task: TaskRecord, reason: String, family: any TaskFamily) async throws -> TaskRecord? {
        let observation = TaskObservation(state: .failed, upstreamStatus: task.upstreamStatus ?? "failed", result: nil, failureReason: reason)
        return try await record(observation, on: task, moving: task.state, to: .failed, family: family)
    }

    /// How long a poller owns a leased task: the configured lease, but never less than twice the upstream deadline,
    /// so a poll still waiting for its answer (and then writing it) is never leased to a second poll.
    var pollLeaseMillis: Int64 {
        let (twiceDeadline, overflow) = executor.settings.requestTimeoutMillis.multipliedReportingOverflow(by: 2)
        return overflow ? .max / 4 : max(settings.leaseMillis, twiceDeadline)
    }

    /// Asks the upstream about one task and records the answer. Only the upstream's answer ends a task: its own
    /// success or failure, "not found" on every poll for `missingGraceMillis`, or "still working" past
    /// `maxTaskAgeMillis`; a task that waited long for its poll is judged by what the upstream says when asked.
    func poll(_ task: TaskRecord, logger: Logger) async {
        guard let family = families.family(named: task.family) else { return }
        do {
            guard let channelID = task.channelID, let channel = try await channels.find(id: channelID) else {
                try await fail(task, reason: "The channel that ran this task no longer exists", family: family)
                return
            }
            let outcome: PollOutcome
            do {
                outcome = family.parsePoll(
                    try await executor.send(family.pollRequest(for: task), to: channel, authorizer: family.authorizer, logger: logger))
            } catch let error as GatewayError {
                outcome = .unknown(error.code.rawValue)
            }
            switch outcome {
            case .observed(let observation) where observation.state.isLive && isPastMaximumAge(task):
                await cancelUpstream(task, family: family, channel: channel, logger: logger)
                if try await fail(task, reason: "The generation did not finish in time; nothing was charged", family: family) != nil {
                    logger.warning("task past its maximum age failed", metadata: ["task": "\(task.id)"])
                }
            case .observed(let observation):
                try await observe(observation, on: task, family: family, logger: logger)
            case .missing:
                try await recordMissing(task, family: family, logger: logger)
            case .unknown(let why):
                logger.debug("poll learned nothing", metadata: ["task": "\(task.id)", "why": "\(why)"])
                try await scheduleNextPoll(task)
            }
        } catch {
            logger.error("poll failed", metadata: ["task": "\(task.id)", "error": "\(error)"])
        }
    }

    private func isPastMaximumAge(_ task: TaskRecord) -> Bool {
        let (age, overflow) = clock.nowMillis().subtractingReportingOverflow(task.createdAt)
        return !overflow && age >= settings.maxTaskAgeMillis
    }

    /// One more "not found": the task is failed and refunded once the run is conclusive, else polled again.
    private func recordMissing(_ task: TaskRecord, family: any TaskFamily, logger: Logger) async throws {
        let now = clock.nowMillis()
        let attempts = task.pollAttempts + 1
        guard
            let run = try await store.recordMissing(
                id: task.id, state: task.state, now: now, nextPollAt: now + pollDelay(attempts: attempts), pollAttempts: attempts)
        else { return }
        guard
            TaskLifecycle.missingIsConclusive(
                firstMissingAt: run.since, missingPolls: run.polls, now: now, graceMillis: settings.missingGraceMillis,
                minimumPolls: settings.missingMinimumPolls)
        else {
            logger.info("upstream did not find task; polling on", metadata: ["task": "\(task.id)", "polls": "\(run.polls)"])
            return
        }
        if try await fail(task, reason: "The upstream lost this task", family: family) != nil {
            logger.warning("task lost upstream failed", metadata: ["task": "\(task.id)", "polls": "\(run.polls)"])
        }
    }

    /// Asks the upstream to stop a task, where the family can; best effort, the task ends here whatever it answers.
    private func cancelUpstream(_ task: TaskRecord, family: any TaskFamily, channel: Channel, logger: Logger) async {
        guard let cancellable = family as? any CancellableTaskFamily, task.upstreamID != nil else { return }
        _ = try? await executor.send(cancellable.cancelRequest(for: task), to: channel, authorizer: family.authorizer, logger: logger)
    }

    private func scheduleNextPoll(_ task: TaskRecord) async throws {
        let attempts = task.pollAttempts + 1
        try await store.reschedule(id: task.id, nextPollAt: clock.nowMillis() + pollDelay(attempts: attempts), pollAttempts: attempts)
    }

    func pollDelay(attempts: Int) -> Int64 {
        TaskLifecycle.pollDelay(attempts: attempts, initialMillis: settings.initialPollDelayMillis, maximumMillis: settings.maxPollDelayMillis)
    }

    /// What its owner sees of task `id` of `family`: the stored view, or, for a task still being submitted (which has
    /// none yet), the view rendered now. Nil when `tokenID` does not own such a task.
    public func view(id: String, family: any TaskFamily, ownedBy tokenID: String) async throws -> String? {
        if let view = try await store.view(id: id, family: family.name, ownedBy: tokenID) { return view }
        guard let task = try await store.find(id: id, ownedBy: tokenID), task.family == family.name else { return nil }
        return family.render(task)
    }

    /// What an operator decided about a submission whose upstream outcome was unknown.
    public enum Reconciliation: Sendable {
        /// The upstream never made it: refund the hold.
        case refund
        /// The upstream made it under this id on this channel: poll it from now on, and settle or refund as usual.
        case attach(upstreamID: String, channelID: Int64)
    }

    /// Ends the wait of a flagged task, once: a second decision about the same task is refused.
    public func reconcile(taskID: String, _ decision: Reconciliation, logger: Logger) async throws -> TaskRecord {
        guard let task = try await store.find(id: taskID) else { throw GatewayError.notFound("Task") }
        guard task.isAwaitingReconciliation else {
            throw GatewayError.invalidRequest("Task \(taskID) is not awaiting reconciliation")
        }
        guard let family = families.family(named: task.family) else { throw GatewayError.notFound("Task") }
        let moved: TaskRecord?
        switch decision {
        case .refund:
            moved = try await fail(task, reason: "The submission's outcome was unknown; nothing was charged", family: family)
        case .attach(let upstreamID, let channelID):
            guard let channel = try await channels.find(id: channelID), channel.family == task.family else {
                throw GatewayError.validation(field: "channel_id", "no \(task.family) channel has this id")
            }
            var attached = task
            attached.channelID = channel.id
            attached.upstreamID = upstreamID
            let observation = TaskObservation(state: .queued, upstreamStatus: "attached", result: nil, failureReason: nil)
            moved = try await record(observation, on: attached, moving: .submitting, to: .queued, family: family)
        }
        guard let moved else { throw GatewayError.invalidRequest("Task \(taskID) is not awaiting reconciliation") }
        logger.notice("task reconciled", metadata: ["task": "\(taskID)", "state": "\(moved.state.rawValue)"])
        return moved
    }

    /// Deletes a task for its owner: a live one is cancelled upstream (where the family can) and refunded, a
    /// finished one keeps its charge. Either way the owner no longer sees it.
    ///
    /// A poll may record news while the upstream answers the cancel: the stored row decides, not the snapshot the
    /// delete started from. A task a poll settled meanwhile stays settled (and is deleted with its charge); one it
    /// only moved forward is still refunded. Exactly one of settle and refund happens.
    ///
    /// A task still `submitting` cannot be deleted: its submitter may be hearing from the upstream right now, or,
    /// flagged, the platform is finding out whether the upstream made it; a refund now could pay for a generation
    /// twice.
    public func delete(_ task: TaskRecord, logger: Logger) async throws {
        guard let family = families.family(named: task.family) else { throw GatewayError.notFound("Task") }
        guard task.state != .submitting else {
            throw GatewayError.conflict("This generation is still being submitted and cannot be deleted yet")
        }
        try await cancel(task, family: family, reason: "Deleted by the customer", logger: logger)
        try await store.markDeleted(id: task.id)
    }

    /// Stops a task for its owner: cancelled upstream (where the family can; a finished one too, which some upstreams
    /// take as a delete) and, while live, ended as failed with `reason` and refunded once; a task that ended meanwhile
    /// keeps its outcome (a settled one stays settled). Returns the task as stored afterwards.
    @discardableResult
    public func cancel(_ task: TaskRecord, family: any TaskFamily, reason: String, logger: Logger) async throws -> TaskRecord {
        // As for a delete: a refund while the submitter may still hear "accepted" could pay for a generation twice.
        guard task.state != .submitting else { throw GatewayError.conflict("This generation is still being submitted and cannot be canceled yet") }
        if let channelID = task.channelID, let channel = try await channels.find(id: channelID) {
            await cancelUpstream(task, family: family, channel: channel, logger: logger)
        }
        // States only move forward, so this ends after at most one retry per state.
        var current = task
        while current.state.isLive {
            if let ended = try await fail(current, reason: reason, family: family) { return ended }
            guard let stored = try await store.find(id: task.id) else { break }
            current = stored
        }
        return current
    }
}
