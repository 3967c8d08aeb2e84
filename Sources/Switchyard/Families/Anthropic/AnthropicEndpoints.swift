extension RelayEndpoint {
    /// Anthropic's messages; OpenAI channels serve them translated.
    public static let anthropicMessages = RelayEndpoint(
        family: AnthropicModule.familyName, upstreamPath: "/v1/messages",
        translations: [OpenAIModule.familyName: TranslatedRoute(upstreamPath: "/chat/completions", translator: AnthropicClientOnOpenAI())],
        isJSON: true, meter: .chat)
}
