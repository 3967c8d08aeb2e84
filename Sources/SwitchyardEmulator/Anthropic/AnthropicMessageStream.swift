import Hummingbird

/// Streams a messages answer as typed server-sent events: message_start, content_block_start (text), ping, one
/// content_block_delta (`text_delta`) per word, content_block_stop; for a tool call a second block
/// (content_block_start with `tool_use` and empty input, `input_json_delta` fragments, content_block_stop); then
/// message_delta with the stop reason and output tokens, and message_stop.
enum AnthropicMessageStream {
    /// The streaming response for `answer`.
    static func response(_ answer: AnthropicMessageAnswer, stream: EmulatorEventStream) -> Response {
        let isMalformed = stream.isMalformed
        return stream.response { events in
            /// Sends one event of `type` whose data is `members` after the type.
            func send(_ type: String, _ members: [(String, EmulatorJSON)]) async throws {
                let data = EmulatorJSON.object([("type", .string(type))] + members).serialized
                try await events.send("event: \(type)\ndata: \(data)\n\n")
            }
            /// Sends one content_block_delta of block `index`.
            func sendDelta(_ index: Int, _ kind: String, _ field: String, _ text: Substring) async throws {
                let text = EmulatorJSON.string(String(text)).serialized
                try await events.sendContent(
                    "event: content_block_delta\ndata: "
                        + #"{"type":"content_block_delta","index":\#(index),"#
                        + #""delta":{"type":"\#(kind)","\#(field)":\#(text)}}"# + "\n\n")
            }

            try await send("message_start", [("message", answer.json(done: false))])
            if isMalformed {
                try await events.send(
                    "event: content_block_delta\ndata: "
                        + #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminated"#
                        + "\n\n")
                return
            }
            let textBlock = EmulatorJSON.object([("type", .string("text")), ("text", .string(""))])
            try await send("content_block_start", [("index", .int(0)), ("content_block", textBlock)])
            try await send("ping", [])
            for word in answer.reply.chunks {
                try await sendDelta(0, "text_delta", "text", word)
            }
            if let call = answer.request.toolCall {
                try await send("content_block_stop", [("index", .int(0))])
                try await send(
                    "content_block_start",
                    [("index", .int(1)), ("content_block", answer.toolUseBlock(call, input: .object([])))])
                for fragment in call.argumentFragments {
                    try await sendDelta(1, "input_json_delta", "partial_json", fragment)
                }
                try await events.endOfContent()
                try await send("content_block_stop", [("index", .int(1))])
            } else {
                try await events.endOfContent()
                try await send("content_block_stop", [("index", .int(0))])
            }
            try await send(
                "message_delta",
                [
                    (
                        "delta",
                        .object([("stop_reason", .string(answer.stopReason)), ("stop_sequence", answer.stopSequence)])
                    ),
                    ("usage", .object([("output_tokens", .int(answer.outputTokens))])),
                ])
            try await send("message_stop", [])
        }
    }
}
