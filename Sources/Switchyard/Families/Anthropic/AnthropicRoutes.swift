import HTTPTypes
import Hummingbird
import NIOCore

/// Anthropic's API: `/v1/messages` (which OpenAI channels may serve) and `/v1/messages/count_tokens`.
struct AnthropicRoutes: Sendable {
    let relay: SyncRelay
    let authenticator: CustomerAuthenticator
    let bodyLimit: Int

    static let apiKeyHeader = HTTPField.Name("x-api-key")!

    func register(on router: Router<GatewayRequestContext>) {
        router.post("v1/messages") { request, context in
            let token = try await authenticator.authenticate(request, context: context, extraHeaders: [Self.apiKeyHeader])
            let body = try await RequestBody.collect(request, limit: bodyLimit)
            return try await relay.relay(
                request, context: context, endpoint: .anthropicMessages, token: try await authenticator.fresh(token), body: body)
        }
        router.post("v1/messages/count_tokens") { request, context in
            // Counting spends nothing: a recent authentication will do.
            let token = try await authenticator.authenticate(request, context: context, extraHeaders: [Self.apiKeyHeader], readOnly: true)
            let body = try await RequestBody.collect(request, limit: bodyLimit)
            return try await countTokens(request, context: context, body: body, token: token)
        }
    }

    /// Counted by an Anthropic channel when one serves the model; otherwise estimated here (about four bytes a
    /// token), since an OpenAI channel has no such call. Counting is free.
    private func countTokens(_ request: Request, context: GatewayRequestContext, body: ByteBuffer, token: Token) async throws -> Response {
        let bytes = Array(body.readableBytesView)
        let facts = try RelayFacts.json(bytes, meter: .chat)
        guard token.allows(model: facts.model) else { throw GatewayError.forbidden("This API key may not use model \(facts.model)") }
        let revision = token.settingsRevision
        let channels = ChannelSelector().order(
            try await relay.channels.candidates(family: AnthropicModule.familyName, model: facts.model, revision: revision))
        if !channels.isEmpty {
            // A channel whose key is refused or rate limited is the platform's problem, not the customer's: its
            // answer would read as if the customer's own key were wrong, so the executor tries the next key or
            // channel, and when none answers the call fails as unavailable.
            let answered: UpstreamResponse
            do {
                answered = try await relay.executor.sendWithFailover(channels: channels, logger: context.logger) { channel in
                    let plan = try UpstreamPlan(endpoint: .anthropicMessages, channel: channel, bytes: bytes, body: body, facts: facts)
                    var count = plan.request(clientHeaders: request.headers)
                    count.path = "/v1/messages/count_tokens"
                    return UpstreamAttempt(request: count, authorizer: plan.authorizer, plan: ())
                }.response
            } catch {
                throw GatewayError.upstreamUnavailable
            }
            guard answered.status < 500 else { throw GatewayError.upstreamUnavailable }
            return Response(
                status: .init(code: answered.status), headers: [.contentType: "application/json"], body: .init(byteBuffer: answered.body))
        }
        guard try await !relay.channels.candidates(families: [OpenAIModule.familyName], model: facts.model, revision: revision).isEmpty else {
            throw try await SyncRelay.whyNoChannel(model: facts.model, channels: relay.channels)
        }
        return .json(#"{"input_tokens":\#(max(1, bytes.count / 4))}"#)
    }
}
