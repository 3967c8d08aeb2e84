import Foundation

/// The answer to a chat completion request, shared by its plain (`chat.completion`) and streamed
/// (`chat.completion.chunk`) forms. All `n` choices carry the same deterministic content.
struct OpenAIChatAnswer: Sendable {
    /// "chatcmpl-…", the same for every chunk of a stream.
    let id = EmulatorIdentifier.unique("chatcmpl-", length: 29)
    /// Unix seconds.
    let created = Int(Date().timeIntervalSince1970)
    /// The validated request.
    let request: OpenAIChatRequest
    /// The text content, nil when the answer is a tool call.
    let reply: EmulatorReply?

    /// Builds the answer of `request`.
    init(_ request: OpenAIChatRequest) {
        self.request = request
        reply =
            request.toolCall == nil
            ? EmulatorReply(
                request.format.content(for: request.conversation),
                maxWords: request.maxWords,
                stopSequences: request.stopSequences)
            : nil
    }

    /// The `finish_reason` of every choice.
    var finishReason: String {
        guard let reply else { return "tool_calls" }
        return reply.ending == .truncated ? "length" : "stop"
    }

    /// `usage` over all choices.
    var usage: EmulatorJSON {
        let perChoice = reply?.outputTokens ?? request.toolCall?.outputTokens ?? 0
        return OpenAIUsage.json(
            prompt: request.conversation.inputTokens, completion: perChoice * request.choiceCount)
    }

    /// The `chat.completion` object.
    var json: EmulatorJSON {
        let message = EmulatorJSON.object(
            [
                ("role", .string("assistant")),
                ("content", .from(reply?.text)),
                ("refusal", .null),
                ("annotations", .array([])),
            ] + (request.toolCall.map { [("tool_calls", .array([Self.json(of: $0)]))] } ?? []))
        let choices = (0..<request.choiceCount).map { index in
            EmulatorJSON.object([
                ("index", .int(index)),
                ("message", message),
                ("logprobs", .null),
                ("finish_reason", .string(finishReason)),
            ])
        }
        return .object([
            ("id", .string(id)),
            ("object", .string("chat.completion")),
            ("created", .int(created)),
            ("model", .string(request.model)),
            ("choices", .array(choices)),
            ("usage", usage),
            ("service_tier", .string("default")),
            ("system_fingerprint", .string(OpenAIEmulatorRoutes.systemFingerprint)),
        ])
    }

    /// A `tool_calls` element.
    private static func json(of call: EmulatorToolCall) -> EmulatorJSON {
        .object([
            ("id", .string(call.id)),
            ("type", .string("function")),
            ("function", .object([("name", .string(call.name)), ("arguments", .string(call.arguments))])),
        ])
    }
}
