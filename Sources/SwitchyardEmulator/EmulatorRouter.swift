import Hummingbird

/// Assembles every emulated API family on one router, each under its official path, so one port serves them
/// all (a gateway test points every channel's base URL at the same emulator).
enum EmulatorRouter {
    /// The router of an instance whose shared state is `runtime`.
    static func build(runtime: EmulatorRuntime) -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        // Added first: middleware only wraps the routes registered after it (and the not-found responder).
        router.middlewares.add(EmulatorErrorMiddleware())
        let endpoint = EmulatorEndpoint(runtime: runtime)

        // Luma Dream Machine.
        LumaEmulatorRoutes(endpoint: endpoint, store: LumaEmulatorStore()).register(on: router)
        EmulatorMedia(endpoint: endpoint, family: LumaEmulatorRoutes.mediaFamily).register(on: router)

        // Suno music, as relays expose it.
        SunoEmulatorRoutes(endpoint: SunoEndpoint(endpoint: endpoint), store: SunoEmulatorStore()).register(on: router)
        EmulatorMedia(endpoint: endpoint, family: SunoCatalog.mediaFamily).register(on: router)

        // OpenAI and Anthropic, side by side under /v1; the model reads they share pick the family by header.
        let openAI = OpenAIEmulatorRoutes(endpoint: OpenAIEndpoint(endpoint: endpoint))
        let anthropic = AnthropicEmulatorRoutes(endpoint: AnthropicEndpoint(endpoint: endpoint))
        openAI.register(on: router)
        anthropic.register(on: router)
        EmulatorModelRoutes(openAI: openAI, anthropic: anthropic).register(on: router)
        EmulatorMedia(endpoint: endpoint, family: OpenAIEmulatorRoutes.mediaFamily).register(on: router)

        return router
    }
}
