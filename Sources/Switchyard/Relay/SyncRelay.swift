import AsyncHTTPClient
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Relays calls that answer at once (chat, embeddings, images, audio): prices and reserves, picks channels across
/// the families that can serve the model, fails over before the first byte, passes bodies through untouched when
/// the channel speaks the client's dialect and translates when it does not, streams chunk by chunk, and charges
/// what the upstream reports.
public struct SyncRelay: Sendable {
    /// Sends every call: keys, health, failover before the first byte, metrics.
    let executor: UpstreamExecutor
    let channels: ChannelStore
    let prices: PriceBook
    let spend: SpendBuffer
    let settings: RelaySettings
    let upstream: UpstreamSettings
    let metrics: GatewayMetrics
    let clock: Clock
    /// On a store shared by several instances, reservations go through this instance's leased allowance.
    var allowance: SpendAllowance? = nil

    /// Headers of the client's request that the upstream needs to see.
    static let forwardedHeaders: [HTTPField.Name] = ["content-type", "anthropic-version", "anthropic-beta", "openai-beta", "accept"]
        .compactMap { HTTPField.Name($0) }

    public func relay(
        _ request: Request, context: GatewayRequestContext, endpoint: RelayEndpoint, token: Token, body: ByteBuffer
    ) async throws -> Response {
        let started = ContinuousClock.now
        let bytes = Array(body.readableBytesView)
        let facts =
            endpoint.isJSON
            ? try RelayFacts.json(bytes, meter: endpoint.meter)
            : try RelayFacts.multipart(bytes, contentType: request.headers[.contentType], meter: endpoint.meter)
        guard token.allows(model: facts.model) else { throw GatewayError.forbidden("This API key may not use model \(facts.model)") }
        let families = [endpoint.family] + endpoint.translations.keys.sorted()
        let candidates = try await channels.candidates(families: families, model: facts.model, revision: token.settingsRevision)
        if candidates.isEmpty { throw try await Self.whyNoChannel(model: facts.model, channels: channels) }
        // A model is priced by its own name, or, for an operator's alias, by the name a channel maps it to.
        let table = try await prices.table(atLeast: token.settingsRevision)
        let priceFacts = endpoint.meter.priceFacts(facts)
        guard
            let listPrice = (try? table.tokenPrice(model: facts.model, facts: priceFacts))
                ?? candidates.lazy.compactMap({ try? table.tokenPrice(model: $0.upstreamModel(for: facts.model), facts: priceFacts) }).first
        else { throw GatewayError.unpriced(model: facts.model) }
        let price = listPrice.scaled(byPermille: token.priceMultiplierPermille, group: token.owner?.group ?? "")
        // The reservation is the most the request can cost, and no call is charged more than it reserved, so calls
        // running at once can never spend past a balance. A call that sets no output limit may run to the model's.
        let defaultMaxTokens = price.maxOutputTokens ?? settings.defaultMaxTokens
        guard
            let reservation = price.cost(endpoint.meter.worstCase(facts, defaultMaxTokens: defaultMaxTokens)),
            reservation <= Ledger.maximumEntryMicros
        else { throw GatewayError.validation(field: "max_tokens", "is too large to price") }
        try await spend.reserve(reservation, for: token, through: allowance)
        let bill = Bill(
            spend: spend, reserved: reservation, price: price, requestID: context.requestID, tokenID: token.id, userID: token.owner?.userID,
            family: endpoint.family, model: facts.model, started: started, clock: clock, metrics: metrics, logger: context.logger)
        do {
            let head = try await executor.open(channels: ChannelSelector().order(candidates), streaming: facts.stream, logger: context.logger) {
                channel in
                let plan = try UpstreamPlan(endpoint: endpoint, channel: channel, bytes: bytes, body: body, facts: facts)
                return UpstreamAttempt(request: plan.request(clientHeaders: request.headers), authorizer: plan.authorizer, plan: plan)
            }
            return try await respond(head.response, plan: head.plan, channel: head.channel, facts: facts, meter: endpoint.meter, bill: bill)
        } catch {
            bill.close(channelID: nil, status: Int((error as? GatewayError)?.status.code ?? 500), usage: nil)
            throw error
        }
    }

    /// The right refusal when no channel can take a call: an unknown model is not found (404), a model that only
    /// another kind of endpoint serves is the client's mistake (400), and only a known model whose channels are all
    /// out of rotation is a temporary 503.
    static func whyNoChannel(model: String, channels: ChannelStore) async throws -> GatewayError {
        let serving = try await channels.list().filter { $0.serves(model: model) }
        if serving.isEmpty { return .modelNotFound(model) }
        if serving.contains(where: \.isEnabled) { return .invalidRequest("Model \(model) cannot be used with this endpoint") }
        return .noChannel(model: model)
    }

    private func respond(
        _ response: HTTPClientResponse, plan: UpstreamPlan, channel: Channel, facts: RelayFacts, meter: UsageMeter, bill: Bill
    ) async throws -> Response {
        let status = Int(response.status.code)
        let contentType = response.headers.first(name: "content-type") ?? "application/json"
        let answersStream = contentType.lowercased().hasPrefix("text/event-stream")
        guard facts.stream || answersStream, (200..<300).contains(status) else {
            return try await respondWhole(response, plan: plan, channel: channel, facts: facts, meter: meter, bill: bill)
        }
        let body = ResponseBody { writer in
            var observer = StreamUsageObserver()
            var translator = plan.translator?.streamTranslator(clientModel: facts.model, includeUsage: facts.includeUsage)
            var parser = ServerSentEventParser()
            var failure: (any Error)?
            do {
                for try await chunk in response.body {
                    if var active = translator {
                        var out = ByteBuffer()
                        for event in parser.feed(chunk.readableBytesView) {
                            // Watched as well, so that a translated stream cut short is charged what it delivered.
                            observer.observe(event)
                            for translated in active.translate(event) { out.writeString(translated.wire) }
                        }
                        translator = active
                        if out.readableBytes > 0 { try await writer.write(out) }
                    } else {
                        observer.feed(chunk.readableBytesView)
                        try await writer.write(chunk)
                    }
                }
                if var active = translator {
                    var out = ByteBuffer()
                    for event in active.finish() { out.writeString(event.wire) }
                    translator = active
                    if out.readableBytes > 0 { try await writer.write(out) }
                }
                try await writer.finish(nil)
            } catch {
                // The client left or the upstream cut the stream: charge what was delivered, and break the client's
                // connection so that it sees the stream did not end.
                failure = error
            }
            bill.close(
                channelID: channel.id, status: status, usage: observer.usage(completed: failure == nil, estimatedInput: facts.typicalInputTokens))
            if let failure { throw failure }
        }
        // Should the client be gone before the body is written, the body is never run: the bill then closes when
        // it is released (see `Bill.deinit`), with nothing charged, since nothing was delivered.
        return Response(status: .init(code: status), headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }

    /// A complete answer: an error passed on (or translated), or a success charged for what it reports.
    private func respondWhole(
        _ response: HTTPClientResponse, plan: UpstreamPlan, channel: Channel, facts: RelayFacts, meter: UsageMeter, bill: Bill
    ) async throws -> Response {
        let status = Int(response.status.code)
        let contentType = response.headers.first(name: "content-type") ?? "application/json"
        let upstreamBody: ByteBuffer
        do {
            upstreamBody = try await response.body.collect(upTo: upstream.maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw GatewayError.upstreamMalformed
        }
        guard (200..<300).contains(status) else {
            bill.close(channelID: channel.id, status: status, usage: nil)
            guard plan.translator != nil else {
                // The upstream's own error, in the client's own dialect already.
                return Response(status: .init(code: status), headers: [.contentType: contentType], body: .init(byteBuffer: upstreamBody))
            }
            // The upstream's words in the client's dialect; they are about the request and name no key. Server
            // errors stay server errors (Anthropic's 529 "overloaded" too), so SDKs classify them as such.
            switch status {
            case 429: throw GatewayError.upstreamStatus(429, retryable: false)
            case 500...: throw GatewayError.upstreamStatus(status, retryable: false)
            default:
                let message =
                    JSONValue.parse(upstreamBody.readableBytesView)?["error"]?["message"]?.stringValue ?? "Upstream error (HTTP \(status))"
                throw GatewayError.upstreamRejected(status: .init(code: status), message: String(message.prefix(300)))
            }
        }
        let upstreamBytes = Array(upstreamBody.readableBytesView)
        // A success the gateway cannot read is not passed on as one, and costs nothing.
        guard var usage = meter.measured(answer: upstreamBytes, facts: facts) else { throw GatewayError.upstreamMalformed }
        if meter.reportsTokens, usage.input == 0 { usage.input = facts.typicalInputTokens }
        var clientBody = upstreamBody
        if let translator = plan.translator {
            guard let parsed = JSONValue.parse(upstreamBytes) else { throw GatewayError.upstreamMalformed }
            clientBody = ByteBuffer(string: try translator.clientResponse(parsed, clientModel: facts.model).encoded())
        }
        bill.close(channelID: channel.id, status: status, usage: usage)
        var headers: HTTPFields = [.contentType: plan.translator == nil ? contentType : "application/json"]
        if plan.translator == nil, let length = response.headers.first(name: "content-length") { headers[.contentLength] = length }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: clientBody))
    }
}

/// The money of one relayed call: its reservation, ended once with the actual cost and a usage row. Error paths
/// may reach `close` more than once (an answer refused after it was billed, then the caller's catch); only the first
/// counts, so a reservation is never released twice. A bill released without being closed (a streamed answer the
/// client left before it was written) closes itself with nothing charged, so that no path leaves money reserved.
final class Bill: Sendable {
    private let closed = Atomic<Bool>(false)
    let spend: SpendBuffer
    /// What was reserved: the request's worst case, and the most it is charged.
    let reserved: Int64
    let price: TokenPrice
    let requestID: String
    let tokenID: String
    let userID: String?
    let family: String
    let model: String
    let started: ContinuousClock.Instant
    let clock: Clock
    let metrics: GatewayMetrics
    let logger: Logger

    init(
        spend: SpendBuffer, reserved: Int64, price: TokenPrice, requestID: String, tokenID: String, userID: String?, family: String,
        model: String, started: ContinuousClock.Instant, clock: Clock, metrics: GatewayMetrics, logger: Logger
    ) {
        self.spend = spend
        self.reserved = reserved
        self.price = price
        self.requestID = requestID
        self.tokenID = tokenID
        self.userID = userID
        self.family = family
        self.model = model
        self.started = started
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
    }

    deinit {
        close(channelID: nil, status: 499, usage: nil)
    }

    /// Ends the reservation: `usage` nil means nothing is charged (the call failed).
    func close(channelID: Int64?, status: Int, usage: MeteredUsage?) {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        var cost: Int64 = 0
        if let usage {
            let reported = price.cost(usage) ?? .max
            if reported > reserved {
                // Only an upstream counting past the request's worst case gets here; the platform bears it.
                logger.warning("charge held to its reservation", metadata: ["request": "\(requestID)", "model": "\(model)"])
                metrics.ledger(kind: "charge_capped")
            }
            cost = min(reported, reserved)
        }
        let elapsed = ContinuousClock.now - started
        spend.settle(
            reserved: reserved,
            charge: SpendBuffer.Charge(
                requestID: requestID, tokenID: tokenID, userID: userID, family: family, model: model, channelID: channelID,
                inputTokens: usage?.input ?? 0, outputTokens: usage?.output ?? 0, cachedTokens: usage?.cacheRead ?? 0, costMicros: cost,
                latencyMillis: elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000, status: status,
                createdAt: clock.nowMillis(), price: price.detail))
    }
}
