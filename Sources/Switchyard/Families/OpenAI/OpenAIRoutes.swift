import Hummingbird

/// OpenAI's API under `/v1`, as the `openai` SDK calls it; chat completions may be served by Anthropic channels.
struct OpenAIRoutes: Sendable {
    let relay: SyncRelay
    let authenticator: CustomerAuthenticator
    let bodyLimit: Int

    func register(on router: Router<GatewayRequestContext>) {
        let api = router.group("v1")
        let endpoints: [(String, RelayEndpoint)] = [
            ("chat/completions", .openAIChat),
            ("completions", .openAI("completions", "/completions")),
            ("embeddings", .openAI("embeddings", "/embeddings")),
            ("images/generations", .openAI("images", "/images/generations")),
            ("responses", .openAI("responses", "/responses")),
            ("moderations", .openAI("moderations", "/moderations")),
            ("audio/speech", .openAI("speech", "/audio/speech")),
            ("audio/transcriptions", .openAI("transcriptions", "/audio/transcriptions", isJSON: false)),
            ("audio/translations", .openAI("translations", "/audio/translations", isJSON: false)),
        ]
        for (path, endpoint) in endpoints {
            api.post(RouterPath(path)) { request, context in
                let token = try await authenticator.authenticate(request, context: context)
                let body = try await RequestBody.collect(request, limit: bodyLimit)
                return try await relay.relay(request, context: context, endpoint: endpoint, token: try await authenticator.fresh(token), body: body)
            }
        }
    }
}
