/// Anthropic's routes; their bodies go upstream as sent, and the fields listed are those the gateway reads and the
/// provider's main ones (the chat schemas are shared with OpenAI's).
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    static let anthropicOperations: [OpenAPIOperation] = [
        .init(
            method: .post, path: "/v1/messages", family: .anthropic, summary: "Messages (Anthropic, or an OpenAI channel, translated)",
            body: .json(
                S.object(
                    [
                        "model": model, "max_tokens": maxTokens, "messages": S.array(chatMessage, minItems: 1),
                        "system": S.anyOf(S.string(), S.array(S.anyObject)), "temperature": S.number(minimum: 0, maximum: 1),
                        "top_p": S.number(minimum: 0, maximum: 1), "top_k": S.integer(minimum: 0), "stream": S.boolean(),
                        "stop_sequences": S.array(S.string(), maxItems: 8_191),
                    ], required: ["model", "max_tokens", "messages"])), answer: .jsonOrEventStream),
        .init(
            method: .post, path: "/v1/messages/count_tokens", family: .anthropic, summary: "Count a request's input tokens (free)",
            body: .json(
                S.object(
                    ["model": model, "messages": S.array(chatMessage, minItems: 1), "system": S.anyOf(S.string(), S.array(S.anyObject))],
                    required: ["model", "messages"]))),
    ]

}

extension OpenAPIGroup {
    static let anthropic = OpenAPIGroup(
        tag: "Anthropic", errorSchema: "AnthropicError",
        errorBody: OpenAPISchema.object(
            [
                "type": OpenAPISchema.constant("error"),
                "error": OpenAPISchema.object(["type": OpenAPISchema.string(), "message": OpenAPISchema.string()], required: ["type", "message"]),
            ], required: ["type", "error"], "Anthropic's error object"),
        security: OpenAPIGroup.apiKeyOrBearer)
}
