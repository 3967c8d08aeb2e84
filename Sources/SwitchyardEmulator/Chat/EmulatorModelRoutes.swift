import Hummingbird

/// `GET /v1/models` and `GET /v1/models/{id}`, which OpenAI and Anthropic both serve at the same path: a request
/// carrying `x-api-key` or `anthropic-version` gets Anthropic's answer, any other OpenAI's.
struct EmulatorModelRoutes: Sendable {
    /// The OpenAI family.
    let openAI: OpenAIEmulatorRoutes
    /// The Anthropic family.
    let anthropic: AnthropicEmulatorRoutes

    /// Adds both model reads to `router`.
    func register(on router: Router<EmulatorRequestContext>) {
        router.get("/v1/models") { request, context in
            AnthropicEndpoint.claims(request)
                ? try await anthropic.listModels(request, context) : try await openAI.listModels(request, context)
        }
        router.get("/v1/models/{id}") { request, context in
            AnthropicEndpoint.claims(request)
                ? try await anthropic.retrieveModel(request, context) : try await openAI.retrieveModel(request, context)
        }
    }
}
