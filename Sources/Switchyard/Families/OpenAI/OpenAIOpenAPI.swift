/// OpenAI's routes. Their bodies go to the upstream as sent; the fields listed are those the gateway
/// reads (model, stream, token limits) and the provider's main ones, with the provider's bounds.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    static let model = S.string("A model a channel serves", minLength: 1, maxLength: 200)
    static let maxTokens = S.integer("Upper bound of generated tokens", minimum: 1)
    static let chatMessage = S.object(
        ["role": S.string(oneOf: ["system", "developer", "user", "assistant", "tool"]), "content": S.anyOf(S.string(), S.array(S.anyObject))],
        required: ["role"])
    private static let textOrTexts = S.anyOf(S.string(maxLength: 100_000), S.array(S.string(maxLength: 100_000), maxItems: 2_048))

    static let openAIOperations: [OpenAPIOperation] = [
        .init(
            method: .post, path: "/v1/chat/completions", family: .openAI, summary: "Chat completion (OpenAI, or an Anthropic channel, translated)",
            body: .json(
                S.object(
                    [
                        "model": model, "messages": S.array(chatMessage, minItems: 1), "max_tokens": maxTokens,
                        "max_completion_tokens": maxTokens, "n": S.integer(minimum: 1, maximum: 128),
                        "temperature": S.number(minimum: 0, maximum: 2), "top_p": S.number(minimum: 0, maximum: 1),
                        "presence_penalty": S.number(minimum: -2, maximum: 2), "frequency_penalty": S.number(minimum: -2, maximum: 2),
                        "seed": S.integer(), "stream": S.boolean(), "stream_options": S.object(["include_usage": S.boolean()]),
                        "user": S.string(maxLength: 256),
                    ], required: ["model", "messages"])), answer: .jsonOrEventStream),
        .init(
            method: .post, path: "/v1/completions", family: .openAI, summary: "Legacy text completion",
            body: .json(
                S.object(
                    [
                        "model": model, "prompt": textOrTexts, "max_tokens": maxTokens, "n": S.integer(minimum: 1, maximum: 128),
                        "temperature": S.number(minimum: 0, maximum: 2), "logprobs": S.integer(minimum: 0, maximum: 5), "echo": S.boolean(),
                        "stream": S.boolean(),
                    ], required: ["model", "prompt"])), answer: .jsonOrEventStream),
        .init(
            method: .post, path: "/v1/embeddings", family: .openAI, summary: "Embeddings",
            body: .json(
                S.object(
                    [
                        "model": model, "input": textOrTexts, "dimensions": S.integer(minimum: 1, maximum: 3_072),
                        "encoding_format": S.string(oneOf: ["float", "base64"]),
                    ], required: ["model", "input"]))),
        .init(
            method: .post, path: "/v1/images/generations", family: .openAI, summary: "Image generation",
            body: .json(
                S.object(
                    [
                        "model": model, "prompt": S.string(minLength: 1, maxLength: 32_000), "n": S.integer(minimum: 1, maximum: 10),
                        "size": S.string(oneOf: ["256x256", "512x512", "1024x1024", "1792x1024", "1024x1792", "1536x1024", "1024x1536", "auto"]),
                        "quality": S.string(oneOf: ["standard", "hd", "low", "medium", "high", "auto"]),
                        "response_format": S.string(oneOf: ["url", "b64_json"]),
                    ], required: ["model", "prompt"]))),
        .init(
            method: .post, path: "/v1/images/edits", family: .openAI, summary: "Image edits (gpt-image-1, dall-e-2), priced per image",
            body: .multipart(imageEditForm)),
        .init(
            method: .post, path: "/v1/responses", family: .openAI, summary: "Responses API",
            body: .json(
                S.object(
                    [
                        "model": model, "input": S.anyOf(S.string(), S.array(S.anyObject)), "instructions": S.string(),
                        "max_output_tokens": S.integer(minimum: 16), "temperature": S.number(minimum: 0, maximum: 2),
                        "top_p": S.number(minimum: 0, maximum: 1), "stream": S.boolean(),
                    ], required: ["model", "input"])), answer: .jsonOrEventStream),
        .init(
            method: .post, path: "/v1/moderations", family: .openAI, summary: "Moderation",
            body: .json(S.object(["model": model, "input": textOrTexts], required: ["model", "input"]))),
        .init(
            method: .post, path: "/v1/audio/speech", family: .openAI, summary: "Text to speech",
            body: .json(
                S.object(
                    [
                        "model": model, "input": S.string(minLength: 1, maxLength: 4_096), "voice": S.string(minLength: 1, maxLength: 100),
                        "speed": S.number(minimum: 0.25, maximum: 4),
                        "response_format": S.string(oneOf: ["mp3", "opus", "aac", "flac", "wav", "pcm"]),
                    ], required: ["model", "input", "voice"])),
            answer: .media(["audio/mpeg", "audio/wav", "audio/pcm", "audio/opus", "audio/aac", "audio/flac"])),
        .init(
            method: .post, path: "/v1/audio/transcriptions", family: .openAI, summary: "Speech to text",
            body: .multipart(audioForm(withLanguage: true)), answer: transcript),
        .init(
            method: .post, path: "/v1/audio/translations", family: .openAI, summary: "Speech to English text",
            body: .multipart(audioForm(withLanguage: false)), answer: transcript),
        .init(
            method: .get, path: "/v1/models", family: .openAI,
            summary: "The models the key may use (in Anthropic's shape when the client sends anthropic-version)", acceptsAPIKeyHeader: true),
        .init(method: .get, path: "/v1/models/{id}", family: .openAI, summary: "One model the key may use", acceptsAPIKeyHeader: true),
    ]

    private static func audioForm(withLanguage: Bool) -> JSONValue {
        var properties: [(String, JSONValue)] = [
            ("file", S.string("The audio file", format: "binary")), ("model", model), ("prompt", S.string(maxLength: 10_000)),
            ("response_format", S.string(oneOf: ["json", "text", "srt", "verbose_json", "vtt"])), ("temperature", S.number(minimum: 0, maximum: 1)),
        ]
        if withLanguage { properties.append(("language", S.string(maxLength: 10))) }
        return .object(["type": "object", "properties": .object(JSONObject(properties)), "required": .array(["file", "model"])])
    }

    /// `image` (or several `image[]`), `mask`, `prompt` and the options of `/v1/images/edits`.
    private static let imageEditForm: JSONValue = {
        let file = S.string("A PNG (dall-e-2), or a PNG, JPEG or WebP image (gpt-image-1)", format: "binary")
        let properties: [(String, JSONValue)] = [
            ("image", file), ("image[]", S.array(file, minItems: 1, maxItems: 16)), ("mask", S.string("A PNG mask", format: "binary")),
            ("prompt", S.string(minLength: 1, maxLength: 32_000)), ("model", S.string("gpt-image-1 or dall-e-2 (the default)", maxLength: 200)),
            ("n", S.integer(minimum: 1, maximum: 10)),
            ("size", S.string(oneOf: ["256x256", "512x512", "1024x1024", "1536x1024", "1024x1536", "auto"])),
            ("quality", S.string(oneOf: ["standard", "low", "medium", "high", "auto"])), ("response_format", S.string(oneOf: ["url", "b64_json"])),
        ]
        return .object(["type": "object", "properties": .object(JSONObject(properties)), "required": .array(["prompt"])])
    }()

    private static let transcript = OpenAPIOperation.Answer(
        status: 200, content: [("application/json", S.anyObject), ("text/plain", S.string())])
}

extension OpenAPIGroup {
    static let openAI = OpenAPIGroup(
        tag: "OpenAI", errorSchema: "OpenAIError",
        errorBody: OpenAPISchema.object(
            [
                "error": OpenAPISchema.object(
                    [
                        "message": OpenAPISchema.string(), "type": OpenAPISchema.string(), "param": OpenAPISchema.nullable(OpenAPISchema.string()),
                        "code": OpenAPISchema.nullable(OpenAPISchema.string()),
                    ], required: ["message", "type"])
            ], required: ["error"], "OpenAI's error object (also the shape of `/health`, `/metrics` and `/openapi.json`)"),
        security: OpenAPIGroup.bearer)
}
