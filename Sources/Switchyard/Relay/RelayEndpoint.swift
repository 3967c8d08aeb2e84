/// One synchronous endpoint a customer calls, and where it goes upstream.
public struct RelayEndpoint: Sendable {
    /// The customer's dialect (`openai`, `anthropic`).
    public let family: String
    /// The path under a same-family channel's base URL.
    public let upstreamPath: String
    /// How a channel of another family can serve it, by family; empty when only the same family can.
    public let translations: [String: TranslatedRoute]
    /// Whether the body is JSON (false for multipart uploads).
    public let isJSON: Bool
    /// How its calls are measured and priced.
    public let meter: UsageMeter

    public struct TranslatedRoute: Sendable {
        public let upstreamPath: String
        public let translator: any ChatTranslator
    }

    public static let openAIChat = RelayEndpoint(
        family: "openai", upstreamPath: "/chat/completions",
        translations: ["anthropic": TranslatedRoute(upstreamPath: "/v1/messages", translator: OpenAIClientOnAnthropic())], isJSON: true, meter: .chat)
    public static let anthropicMessages = RelayEndpoint(
        family: "anthropic", upstreamPath: "/v1/messages",
        translations: ["openai": TranslatedRoute(upstreamPath: "/chat/completions", translator: AnthropicClientOnOpenAI())], isJSON: true,
        meter: .chat)

    /// An OpenAI endpoint only OpenAI channels serve.
    public static func openAI(_ path: String, meter: UsageMeter, isJSON: Bool = true) -> RelayEndpoint {
        RelayEndpoint(family: "openai", upstreamPath: path, translations: [:], isJSON: isJSON, meter: meter)
    }
}
