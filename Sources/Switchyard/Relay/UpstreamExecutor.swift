import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// The one owner of upstream network calls, for every family and every kind of call (task submits, polls and
/// cancels, the synchronous relay and its streams, count_tokens, probes): which key of a channel is used, the
/// family's authorizer, deadlines, body limits, error classification, per-key health, failover across channels and
/// across a channel's keys, and metrics.
public struct UpstreamExecutor: Sendable {
    let client: HTTPClient
    let settings: UpstreamSettings
    let metrics: GatewayMetrics
    /// What every call learns of channels and their keys (shared with the probe and the operator's channel list).
    public let health: ChannelHealth
    /// Where a channel is taken out of rotation; nil in a process that runs no gateway (the CLI's channel test).
    let channels: ChannelStore?
    let clock: Clock
    /// Turns of the round-robin over a channel's keys.
    let keyTurns = ManagedAtomicCounter()

    public init(
        client: HTTPClient, settings: UpstreamSettings, metrics: GatewayMetrics, health: ChannelHealth = ChannelHealth(settings: RelaySettings()),
        channels: ChannelStore? = nil, clock: Clock = .wall
    ) {
        self.client = client
        self.settings = settings
        self.metrics = metrics
        self.health = health
        self.channels = channels
        self.clock = clock
    }

    /// One call to one channel (a poll, a cancel, a probe), with the channel's next usable key. Throws a classified
    /// `GatewayError` when no HTTP answer arrived (connect error, timeout, dropped connection, oversize body); any
    /// HTTP answer, error statuses included, is returned. `recordsHealth` false leaves the channel's health as it
    /// is (the probe, whose answer decides health itself).
    public func send(
        _ request: UpstreamRequest, to channel: Channel, authorizer: any UpstreamAuthorizer, logger: Logger, recordsHealth: Bool = true
    ) async throws -> UpstreamResponse {
        let keyCount = channel.credential.keyCount
        // A channel whose every key was refused is still asked with one of them: its tasks need their polls, and the
        // probe needs to learn whether the keys work again.
        let turn = keyTurns.next()
        let keyIndex = health.keyIndex(channelID: channel.id, keyCount: keyCount, turn: turn, now: clock.nowMillis()) ?? turn % keyCount
        let attempt = UpstreamAttempt(request: request, authorizer: authorizer, plan: ())
        let started = ContinuousClock.now
        do {
            let head = try await execute(attempt, on: channel, keyIndex: keyIndex, streaming: false, logger: logger)
            let response = try await collect(head)
            metrics.upstreamCall(family: channel.family, outcome: String(response.status), duration: ContinuousClock.now - started)
            if recordsHealth {
                _ = await noteAnswer(status: response.status, headers: response.headers, channel: channel, keyIndex: keyIndex, logger: logger)
            }
            return response
        } catch {
            let classified = Self.classify(error)
            metrics.upstreamCall(family: channel.family, outcome: Self.outcome(of: classified), duration: ContinuousClock.now - started)
            if recordsHealth, classified.isRetryable, !Task.isCancelled, !(error is CancellationError) {
                await noteFailure(channel, logger: logger)
            }
            throw classified
        }
    }

    /// Tries `channels` until one answers with something other than a retryable failure, and collects its body.
    ///
    /// Returns the channel that answered, its answer (which may be a non-retryable error status for the codec to
    /// read) and whether an earlier attempt may have accepted the request before failing. Throws the last failure
    /// when every channel failed, marked `upstreamMayHaveAccepted` when any attempt may have been accepted: a 5xx
    /// says the upstream failed, not that it did nothing (a 429 or a refused key does say that).
    public func sendWithFailover(
        channels: [Channel], authorizer: any UpstreamAuthorizer, logger: Logger,
        build: (Channel) throws -> UpstreamRequest
    ) async throws -> (channel: Channel, response: UpstreamResponse, earlierMayHaveAccepted: Bool) {
        let answered = try await sendWithFailover(channels: channels, logger: logger) {
            UpstreamAttempt(request: try build($0), authorizer: authorizer, plan: ())
        }
        return (answered.channel, answered.response, answered.earlierMayHaveAccepted)
    }

    /// `sendWithFailover` where each channel is asked its own way (`prepare`), with the plan made for the channel
    /// that answered.
    public func sendWithFailover<Plan: Sendable>(
        channels: [Channel], logger: Logger, prepare: (Channel) throws -> UpstreamAttempt<Plan>
    ) async throws -> (channel: Channel, plan: Plan, response: UpstreamResponse, earlierMayHaveAccepted: Bool) {
        let answered = try await failover(
            channels: channels, streaming: false, logger: logger, prepare: prepare, receive: { try await collect($0) })
        return (answered.channel, answered.plan, answered.answer, answered.earlierMayHaveAccepted)
    }

    /// Streaming mode: tries `channels` like `sendWithFailover` but returns as soon as a channel answers with a
    /// head that ends the search, leaving its body unread for the caller to stream (under the client's read
    /// timeout between chunks rather than a whole-call deadline when `streaming`). `prepare` says how each channel
    /// is asked; the plan it returns comes back with the channel that answered.
    public func open<Plan: Sendable>(
        channels: [Channel], streaming: Bool, logger: Logger, prepare: (Channel) throws -> UpstreamAttempt<Plan>
    ) async throws -> UpstreamHead<Plan> {
        let answered = try await failover(
            channels: channels, streaming: streaming, logger: logger, prepare: prepare, receive: { $0 })
        return UpstreamHead(channel: answered.channel, plan: answered.plan, response: answered.answer)
    }

    /// The one failover loop. Channels whose every key is cooling down go last; within a channel, a key refused
    /// (401/403) or rate limited (429) makes way for the channel's next usable key before the next channel is tried.
    private func failover<Plan: Sendable, Answer>(
        channels: [Channel], streaming: Bool, logger: Logger, prepare: (Channel) throws -> UpstreamAttempt<Plan>,
        receive: (HTTPClientResponse) async throws -> Answer
    ) async throws -> (channel: Channel, plan: Plan, answer: Answer, earlierMayHaveAccepted: Bool) {
        var lastError = GatewayError.upstreamUnavailable
        var mayHaveAccepted = false
        for channel in coolestFirst(channels) {
            let keyCount = channel.credential.keyCount
            // Built once per channel: another key of the same channel sends the same request (a translation is not redone).
            var prepared: UpstreamAttempt<Plan>?
            for _ in 0..<keyCount {
                guard
                    let keyIndex = health.keyIndex(channelID: channel.id, keyCount: keyCount, turn: keyTurns.next(), now: clock.nowMillis())
                else { break }
                let started = ContinuousClock.now
                do {
                    try Task.checkCancellation()
                    let attempt = try prepared ?? prepare(channel)
                    prepared = attempt
                    let head = try await execute(attempt, on: channel, keyIndex: keyIndex, streaming: streaming, logger: logger)
                    let status = Int(head.status.code)
                    let verdict = await noteAnswer(status: status, headers: head.headers, channel: channel, keyIndex: keyIndex, logger: logger)
                    if verdict != .answered {
                        metrics.upstreamCall(family: channel.family, outcome: String(status), duration: ContinuousClock.now - started)
                        metrics.failover(family: channel.family)
                        lastError = .upstreamStatus(status, retryable: true)
                        mayHaveAccepted = mayHaveAccepted || status >= 500
                        logger.info("upstream refused; trying another key or channel", metadata: ["channel": "\(channel.id)", "status": "\(status)"])
                        if verdict == .keyRefused, hasFreeKey(channel) { continue }
                        break
                    }
                    let answer = try await receive(head)
                    metrics.upstreamCall(family: channel.family, outcome: String(status), duration: ContinuousClock.now - started)
                    return (channel, attempt.plan, answer, mayHaveAccepted)
                } catch {
                    let classified = Self.classify(error)
                    metrics.upstreamCall(family: channel.family, outcome: Self.outcome(of: classified), duration: ContinuousClock.now - started)
                    guard classified.isRetryable, !Task.isCancelled, !(error is CancellationError) else {
                        // Whatever ends the attempts (cancellation, a request that cannot be built, an unreadable
                        // answer) must not hide an earlier maybe.
                        var final = classified
                        final.upstreamMayHaveAccepted = final.upstreamMayHaveAccepted || mayHaveAccepted
                        throw final
                    }
                    // No (whole) answer from this channel: connect, DNS, TLS, timeout, dropped. It counts against it.
                    await noteFailure(channel, logger: logger)
                    lastError = classified
                    mayHaveAccepted = mayHaveAccepted || classified.upstreamMayHaveAccepted
                    metrics.failover(family: channel.family)
                    break
                }
            }
        }
        lastError.upstreamMayHaveAccepted = mayHaveAccepted
        throw lastError
    }

    /// Sends one attempt with key `keyIndex` of the channel and returns the head; the body is left to the caller.
    private func execute<Plan>(
        _ attempt: UpstreamAttempt<Plan>, on channel: Channel, keyIndex: Int, streaming: Bool, logger: Logger
    ) async throws -> HTTPClientResponse {
        var outbound = HTTPClientRequest(url: channel.baseURL + attempt.request.path)
        outbound.method = attempt.request.method
        outbound.headers = attempt.request.headers
        try attempt.authorizer.authorize(&outbound.headers, with: channel.credential.selectingKey(turn: keyIndex))
        if let body = attempt.request.body { outbound.body = .bytes(body) }
        // A stream may run long; its upstream is held to the client's read timeout between chunks instead.
        let deadline: NIODeadline =
            streaming ? .now() + .hours(1) : .now() + .milliseconds(channel.timeoutMillis ?? settings.requestTimeoutMillis)
        do {
            return try await client.execute(outbound, deadline: deadline, logger: logger)
        } catch {
            let classified = Self.classify(error)
            // The error's description can hold the URL; the channel id is enough to find it.
            logger.warning("upstream call failed", metadata: ["channel": "\(channel.id)", "error": "\(classified.code.rawValue)"])
            throw classified
        }
    }

    /// Reads a whole answer within the size limit.
    private func collect(_ head: HTTPClientResponse) async throws -> UpstreamResponse {
        do {
            let body = try await head.body.collect(upTo: settings.maxResponseBytes)
            return UpstreamResponse(status: Int(head.status.code), headers: head.headers, body: body)
        } catch is NIOTooManyBytesError {
            // The upstream answered, possibly with a success: it may have done the work.
            var oversize = GatewayError.upstreamMalformed
            oversize.upstreamMayHaveAccepted = true
            throw oversize
        }
    }

    /// Channels whose every key is cooling down after a 429 go last: still tried, so a channel is never out of
    /// rotation because of rate limits alone, but after those that are free.
    private func coolestFirst(_ channels: [Channel]) -> [Channel] {
        let now = clock.nowMillis()
        let cooling = { (channel: Channel) in health.isCooling(channelID: channel.id, keyCount: channel.credential.keyCount, now: now) }
        guard channels.contains(where: cooling) else { return channels }
        return channels.filter { !cooling($0) } + channels.filter(cooling)
    }

    /// Whether the channel still has a key that is neither refused nor cooling down.
    private func hasFreeKey(_ channel: Channel) -> Bool {
        let keyCount = channel.credential.keyCount
        return keyCount > 1 && health.hasFreeKey(channelID: channel.id, keyCount: keyCount, now: clock.nowMillis())
    }

    /// The metrics label of a call that got no usable answer.
    private static func outcome(of error: GatewayError) -> String {
        error.code == .upstreamMalformed && error.upstreamMayHaveAccepted ? "oversize" : error.code.rawValue
    }

    static func classify(_ error: any Error) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .writeTimeout:
                // The request never reached the upstream whole: nothing was done.
                return .upstreamTimeout
            case .deadlineExceeded, .readTimeout:
                var timeout = GatewayError.upstreamTimeout
                timeout.upstreamMayHaveAccepted = true
                return timeout
            case .remoteConnectionClosed:
                var dropped = GatewayError.upstreamUnavailable
                dropped.upstreamMayHaveAccepted = true
                return dropped
            default:
                return .upstreamUnavailable
            }
        }
        return .upstreamUnavailable
    }
}
