extension RelayEndpoint {
    /// OpenAI's chat completions; Anthropic channels serve them translated.
    public static let openAIChat = RelayEndpoint(
        family: OpenAIModule.familyName, upstreamPath: "/chat/completions",
        translations: [AnthropicModule.familyName: TranslatedRoute(upstreamPath: "/v1/messages", translator: OpenAIClientOnAnthropic())],
        isJSON: true, meter: .chat)

    /// An OpenAI endpoint only OpenAI channels serve.
    public static func openAI(_ path: String, meter: UsageMeter, isJSON: Bool = true) -> RelayEndpoint {
        RelayEndpoint(family: OpenAIModule.familyName, upstreamPath: path, translations: [:], isJSON: isJSON, meter: meter)
    }
}
