import Hummingbird

/// Streams a responses answer as typed server-sent events (`event: <type>` and `data: {"type":…,
/// "sequence_number":…}`): response.created, response.in_progress, response.output_item.added, then for text
/// response.content_part.added, one response.output_text.delta per word, response.output_text.done and
/// response.content_part.done (for a function call: response.function_call_arguments.delta fragments and
/// response.function_call_arguments.done), then response.output_item.done and response.completed (or
/// response.incomplete when `max_output_tokens` cut the text).
enum OpenAIResponseStream {
    /// The streaming response for `answer`.
    static func response(_ answer: OpenAIResponseAnswer, stream: EmulatorEventStream) -> Response {
        let isMalformed = stream.isMalformed
        return stream.response { events in
            var sequence = 0
            /// Sends one event of `type` with `members` after its type and sequence number.
            func send(_ type: String, _ members: [(String, EmulatorJSON)]) async throws {
                let data = EmulatorJSON.object(
                    [("type", .string(type)), ("sequence_number", .int(sequence))] + members
                ).serialized
                sequence += 1
                try await events.send("event: \(type)\ndata: \(data)\n\n")
            }
            /// Sends one delta event; its data is assembled around the escaped `delta` without a JSON tree.
            func sendDelta(_ type: String, _ delta: Substring, textPart: Bool) async throws {
                let text = EmulatorJSON.string(String(delta)).serialized
                let tail = textPart ? #","content_index":0,"delta":\#(text),"logprobs":[]}"# : #","delta":\#(text)}"#
                let data =
                    #"{"type":"\#(type)","sequence_number":\#(sequence),"item_id":"\#(answer.itemID)","output_index":0"#
                    + tail
                sequence += 1
                try await events.sendContent("event: \(type)\ndata: \(data)\n\n")
            }

            let position: [(String, EmulatorJSON)] = [("item_id", .string(answer.itemID)), ("output_index", .int(0))]
            let part = position + [("content_index", .int(0))]
            try await send("response.created", [("response", answer.json(done: false))])
            if isMalformed {
                try await events.send(
                    "event: response.output_text.delta\n"
                        + #"data: {"type":"response.output_text.delta","delta":"unterminated"# + "\n\n"
                )
                return
            }
            try await send("response.in_progress", [("response", answer.json(done: false))])
            try await send(
                "response.output_item.added", [("output_index", .int(0)), ("item", answer.outputItem(done: false))])
            if let reply = answer.reply {
                try await send("response.content_part.added", part + [("part", answer.textPart(""))])
                for word in reply.chunks {
                    try await sendDelta("response.output_text.delta", word, textPart: true)
                }
                try await events.endOfContent()
                try await send(
                    "response.output_text.done", part + [("text", .string(reply.text)), ("logprobs", .array([]))])
                try await send("response.content_part.done", part + [("part", answer.textPart(reply.text))])
            } else if let call = answer.request.toolCall {
                for fragment in call.argumentFragments {
                    try await sendDelta("response.function_call_arguments.delta", fragment, textPart: false)
                }
                try await events.endOfContent()
                try await send(
                    "response.function_call_arguments.done",
                    position + [("name", .string(call.name)), ("arguments", .string(call.arguments))])
            }
            try await send(
                "response.output_item.done", [("output_index", .int(0)), ("item", answer.outputItem(done: true))])
            let final = answer.isIncomplete ? "response.incomplete" : "response.completed"
            try await send(final, [("response", answer.json(done: true))])
        }
    }
}
