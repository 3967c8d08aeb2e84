import Hummingbird

/// OpenAI's API under `/v1`: chat, embeddings, images, audio and the model list; its channels also serve
/// Anthropic's messages through translation.
public struct OpenAIModule: FamilyModule {
    static let familyName = "openai"

    public init() {}

    public var name: String { Self.familyName }
    public var paths: [FamilyPath] { [FamilyPath("/v1/", dialect: OpenAIErrorDialect())] }
    public var probeRequest: UpstreamRequest? { .json(.GET, "/models", body: nil) }
    public var defaultPrices: [PriceRule] { OpenAIPrices.rules }
    public var priceImportProviders: [String] { ["openai", "text-completion-openai"] }
    public var demo: FamilyDemo? {
        FamilyDemo(
            emulatorPath: "/v1",
            models: [
                "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini", "text-embedding-3-small", "text-embedding-3-large", "dall-e-2",
                "dall-e-3", "gpt-image-1", "tts-1", "whisper-1",
            ])
    }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        OpenAIRoutes(
            relay: context.relay, authenticator: context.authenticator, bodyLimit: context.bodyLimit,
            imageBridge: OpenAIImageBridgeRoute(context: context)
        ).register(on: router)
        ModelRoutes(channels: context.channels, authenticator: context.authenticator).register(on: router)
    }
}

extension OpenAIModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.openAIOperations }
}
