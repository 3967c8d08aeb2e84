/// The answer to a messages request, shared by its plain (`message`) and streamed forms: a text block, followed
/// by a `tool_use` block when tool use applies.
struct AnthropicMessageAnswer: Sendable {
    /// "msg_01…", also in `message_start`.
    let id = EmulatorIdentifier.unique("msg_01", length: 22)
    /// The validated request.
    let request: AnthropicMessagesRequest
    /// The text block's content: the reply, or "I'll use the tool." before a tool call.
    let reply: EmulatorReply

    /// The text that precedes a tool call.
    static let toolPreamble = "I'll use the tool."

    /// Builds the answer of `request`.
    init(_ request: AnthropicMessagesRequest) {
        self.request = request
        reply =
            request.toolCall == nil
            ? EmulatorReply(
                request.conversation.replyText, maxWords: request.maxTokens, stopSequences: request.stopSequences)
            : EmulatorReply(Self.toolPreamble)
    }

    /// `stop_reason`.
    var stopReason: String {
        if request.toolCall != nil { return "tool_use" }
        switch reply.ending {
        case .complete: return "end_turn"
        case .truncated: return "max_tokens"
        case .stopSequence: return "stop_sequence"
        }
    }

    /// `stop_sequence`: the sequence that ended the text, else null.
    var stopSequence: EmulatorJSON {
        if case .stopSequence(let sequence) = reply.ending { return .string(sequence) }
        return .null
    }

    /// Output tokens of the whole answer.
    var outputTokens: Int {
        reply.outputTokens + (request.toolCall?.outputTokens ?? 0)
    }

    /// The `usage` object with `output_tokens`.
    func usage(outputTokens: Int) -> EmulatorJSON {
        .object([
            ("input_tokens", .int(request.conversation.inputTokens)),
            ("cache_creation_input_tokens", .int(0)),
            ("cache_read_input_tokens", .int(0)),
            (
                "cache_creation",
                .object([("ephemeral_5m_input_tokens", .int(0)), ("ephemeral_1h_input_tokens", .int(0))])
            ),
            ("output_tokens", .int(outputTokens)),
            ("service_tier", .string("standard")),
        ])
    }

    /// The `tool_use` block of the call with `input`.
    func toolUseBlock(_ call: EmulatorToolCall, input: EmulatorJSON) -> EmulatorJSON {
        .object([
            ("type", .string("tool_use")), ("id", .string(call.id)), ("name", .string(call.name)), ("input", input),
        ])
    }

    /// The `message` object: final with content and stop reason, or the empty start of a stream.
    func json(done: Bool) -> EmulatorJSON {
        var content: [EmulatorJSON] = []
        if done {
            content.append(.object([("type", .string("text")), ("text", .string(reply.text))]))
            if let call = request.toolCall { content.append(toolUseBlock(call, input: call.input)) }
        }
        return .object([
            ("id", .string(id)),
            ("type", .string("message")),
            ("role", .string("assistant")),
            ("model", .string(request.model)),
            ("content", .array(content)),
            ("stop_reason", done ? .string(stopReason) : .null),
            ("stop_sequence", done ? stopSequence : .null),
            ("usage", usage(outputTokens: done ? outputTokens : 1)),
        ])
    }
}
