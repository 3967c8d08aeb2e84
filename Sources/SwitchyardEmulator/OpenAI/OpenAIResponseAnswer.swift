import Foundation

/// The answer to a responses request: the `Response` object in its in-progress and final states, and its output
/// item (an assistant message or a function call).
struct OpenAIResponseAnswer: Sendable {
    /// "resp_…".
    let id = EmulatorIdentifier.unique("resp_", length: 48)
    /// The output item's id, "msg_…" or "fc_…".
    let itemID: String
    /// Unix seconds.
    let createdAt = Int(Date().timeIntervalSince1970)
    /// The validated request.
    let request: OpenAIResponsesRequest
    /// The text output, nil when the answer is a function call.
    let reply: EmulatorReply?

    /// Builds the answer of `request`.
    init(_ request: OpenAIResponsesRequest) {
        self.request = request
        if request.toolCall == nil {
            itemID = EmulatorIdentifier.unique("msg_", length: 48)
            reply = EmulatorReply(request.format.content(for: request.conversation), maxWords: request.maxWords)
        } else {
            itemID = EmulatorIdentifier.unique("fc_", length: 48)
            reply = nil
        }
    }

    /// True when `max_output_tokens` cut the text.
    var isIncomplete: Bool {
        reply?.ending == .truncated
    }

    /// The final status: "completed", or "incomplete" when cut.
    var finalStatus: String {
        isIncomplete ? "incomplete" : "completed"
    }

    /// The output item; `done` false gives the empty in-progress form a stream announces first.
    func outputItem(done: Bool) -> EmulatorJSON {
        if let call = request.toolCall {
            return .object([
                ("id", .string(itemID)),
                ("type", .string("function_call")),
                ("status", .string(done ? "completed" : "in_progress")),
                ("arguments", .string(done ? call.arguments : "")),
                ("call_id", .string(call.id)),
                ("name", .string(call.name)),
            ])
        }
        return .object([
            ("id", .string(itemID)),
            ("type", .string("message")),
            ("status", .string(done ? finalStatus : "in_progress")),
            ("content", .array(done ? [textPart(reply?.text ?? "")] : [])),
            ("role", .string("assistant")),
        ])
    }

    /// An `output_text` content part holding `text`.
    func textPart(_ text: String) -> EmulatorJSON {
        .object([
            ("type", .string("output_text")),
            ("annotations", .array([])),
            ("logprobs", .array([])),
            ("text", .string(text)),
        ])
    }

    /// The `Response` object: final (`done`) with output and usage, or in progress with neither.
    func json(done: Bool) -> EmulatorJSON {
        let echoed = request.echoed
        let status = done ? finalStatus : "in_progress"
        let outputTokens = reply?.outputTokens ?? request.toolCall?.outputTokens ?? 0
        let usage = EmulatorJSON.object([
            ("input_tokens", .int(request.conversation.inputTokens)),
            ("input_tokens_details", .object([("cached_tokens", .int(0)), ("cache_write_tokens", .int(0))])),
            ("output_tokens", .int(outputTokens)),
            ("output_tokens_details", .object([("reasoning_tokens", .int(0))])),
            ("total_tokens", .int(request.conversation.inputTokens + outputTokens)),
        ])
        let incompleteDetails: EmulatorJSON =
            done && isIncomplete ? .object([("reason", .string("max_output_tokens"))]) : .null
        let defaultText: EmulatorJSON = .object([
            ("format", .object([("type", .string("text"))])), ("verbosity", .string("medium")),
        ])
        let completedAt: EmulatorJSON = done ? .int(Int(Date().timeIntervalSince1970)) : .null
        let output: [EmulatorJSON] = done ? [outputItem(done: true)] : []
        var members: [(String, EmulatorJSON)] = [
            ("id", .string(id)),
            ("object", .string("response")),
            ("created_at", .int(createdAt)),
            ("status", .string(status)),
            ("background", .bool(false)),
            ("completed_at", completedAt),
            ("error", .null),
            ("incomplete_details", incompleteDetails),
        ]
        members += [
            ("instructions", echoed["instructions"] ?? .null),
            ("max_output_tokens", echoed["max_output_tokens"] ?? .null),
            ("max_tool_calls", .null),
            ("model", .string(request.model)),
            ("output", .array(output)),
            ("parallel_tool_calls", echoed["parallel_tool_calls"] ?? .bool(true)),
            ("previous_response_id", echoed["previous_response_id"] ?? .null),
            ("reasoning", .object([("effort", .null), ("summary", .null)])),
            ("service_tier", .string("default")),
            ("store", echoed["store"] ?? .bool(true)),
        ]
        members += [
            ("temperature", echoed["temperature"] ?? .double(1)),
            ("text", echoed["text"] ?? defaultText),
            ("tool_choice", echoed["tool_choice"] ?? .string("auto")),
            ("tools", echoed["tools"] ?? .array([])),
            ("top_logprobs", .int(0)),
            ("top_p", echoed["top_p"] ?? .double(1)),
            ("truncation", .string("disabled")),
            ("usage", done ? usage : .null),
            ("user", echoed["user"] ?? .null),
            ("metadata", echoed["metadata"] ?? .object([])),
        ]
        return .object(members)
    }
}
