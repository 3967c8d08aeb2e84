import Hummingbird

/// OpenAI and Anthropic, side by side under /v1, in the list of emulated families: one entry, because the model
/// reads they share pick the family by header.
struct ChatEmulatorFamily: EmulatorFamily {
    var mediaFolders: [String] { [OpenAIEmulatorRoutes.mediaFamily] }

    func register(on router: Router<EmulatorRequestContext>, endpoint: EmulatorEndpoint) {
        let openAI = OpenAIEmulatorRoutes(endpoint: OpenAIEndpoint(endpoint: endpoint))
        let anthropic = AnthropicEmulatorRoutes(endpoint: AnthropicEndpoint(endpoint: endpoint))
        openAI.register(on: router)
        anthropic.register(on: router)
        EmulatorModelRoutes(openAI: openAI, anthropic: anthropic).register(on: router)
    }
}
