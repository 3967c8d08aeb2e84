import Hummingbird

/// OpenAI's API under `/v1`, as the `openai` SDK calls it; chat completions may be served by Anthropic channels.
struct OpenAIRoutes: Sendable {
    let relay: SyncRelay
    let authenticator: CustomerAuthenticator
    let bodyLimit: Int
    /// Images of models that task families serve (Flux, Recraft, Ideogram), answered in OpenAI's shape.
    let imageBridge: OpenAIImageBridgeRoute

    func register(on router: Router<GatewayRequestContext>) {
        let api = router.group("v1")
        let endpoints: [(String, RelayEndpoint)] = [
            ("chat/completions", .openAIChat),
            ("completions", .openAI("/completions", meter: .completion)),
            ("embeddings", .openAI("/embeddings", meter: .embedding)),
            ("images/generations", .openAI("/images/generations", meter: .image)),
            ("images/edits", .openAI("/images/edits", meter: .image, isJSON: false)),
            ("responses", .openAI("/responses", meter: .responses)),
            ("moderations", .openAI("/moderations", meter: .moderation)),
            ("audio/speech", .openAI("/audio/speech", meter: .speech)),
            ("audio/transcriptions", .openAI("/audio/transcriptions", meter: .transcription, isJSON: false)),
            ("audio/translations", .openAI("/audio/translations", meter: .transcription, isJSON: false)),
        ]
        for (path, endpoint) in endpoints {
            api.post(RouterPath(path)) { request, context in
                let token = try await authenticator.authenticate(request, context: context)
                let body = try await RequestBody.collect(request, limit: bodyLimit)
                if path == "images/generations",
                    let bridged = try await imageBridge.answer(body, token: token, request: request, requestContext: context)
                {
                    return bridged
                }
                return try await relay.relay(request, context: context, endpoint: endpoint, token: try await authenticator.fresh(token), body: body)
            }
        }
    }
}
