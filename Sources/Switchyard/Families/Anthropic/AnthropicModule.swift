import Hummingbird

/// Anthropic's messages API (`/v1/messages`, count_tokens); its channels also serve OpenAI's chat through
/// translation.
public struct AnthropicModule: FamilyModule {
    static let familyName = "anthropic"

    public init() {}

    public var name: String { Self.familyName }
    public var paths: [FamilyPath] { [FamilyPath("/v1/messages", dialect: AnthropicErrorDialect())] }
    /// Anthropic's SDK shares `/v1/models` with OpenAI's; its `anthropic-version` header tells them apart.
    public var dialectHeader: (name: String, dialect: any ErrorDialect)? { ("anthropic-version", AnthropicErrorDialect()) }
    public var authorizer: any UpstreamAuthorizer { AnthropicAuthorizer() }
    public var probeRequest: UpstreamRequest? { .json(.GET, "/v1/models", body: nil) }
    public var defaultPrices: [PriceRule] { AnthropicPrices.rules }
    public var priceImportProviders: [String] { ["anthropic"] }
    public var demo: FamilyDemo? {
        FamilyDemo(
            emulatorPath: "",
            models: [
                "claude-3-5-haiku-latest", "claude-3-5-sonnet-latest", "claude-sonnet-4-20250514", "claude-opus-4-1-20250805",
                "claude-3-haiku-20240307",
            ])
    }

    public func register(on router: Router<GatewayRequestContext>, context: FamilyContext) {
        AnthropicRoutes(relay: context.relay, authenticator: context.authenticator, bodyLimit: context.bodyLimit).register(on: router)
    }
}

extension AnthropicModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.anthropicOperations }
}
