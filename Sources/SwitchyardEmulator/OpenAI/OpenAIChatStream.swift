import Hummingbird

/// Streams a chat completion as `data: {chat.completion.chunk}` events ending with `data: [DONE]`.
///
/// Per choice: a role chunk, then one chunk per word (or, for a tool call, a chunk naming the call and chunks of
/// argument fragments); then a chunk with the `finish_reason` per choice, a usage chunk with `choices: []` when
/// `stream_options.include_usage` is set, and `[DONE]`. Every chunk is rendered from a prefix and suffix made
/// once per stream, so a chunk costs one string escape.
enum OpenAIChatStream {
    /// The streaming response for `answer`.
    static func response(_ answer: OpenAIChatAnswer, stream: EmulatorEventStream) -> Response {
        let request = answer.request
        let model = EmulatorJSON.string(request.model).serialized
        let prefix =
            #"data: {"id":"\#(answer.id)","object":"chat.completion.chunk","created":\#(answer.created),"#
            + #""model":\#(model),"service_tier":"default","#
            + #""system_fingerprint":"\#(OpenAIEmulatorRoutes.systemFingerprint)","choices":["#
        let suffix = request.includeUsage ? "],\"usage\":null}\n\n" : "]}\n\n"
        let isMalformed = stream.isMalformed

        return stream.response { events in
            /// One chunk with one choice whose delta is `delta`.
            func chunk(_ index: Int, _ delta: String, finish: String = "null") -> String {
                prefix + #"{"index":\#(index),"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish)}"# + suffix
            }

            let roleDelta =
                answer.reply == nil
                ? #"{"role":"assistant","content":null,"refusal":null}"#
                : #"{"role":"assistant","content":"","refusal":null}"#
            if isMalformed {
                try await events.send(chunk(0, roleDelta))
                try await events.send(prefix + #"{"index":0,"delta":{"content":"unterminated"# + "\n\n")
                return
            }
            for index in 0..<request.choiceCount {
                try await events.send(chunk(index, roleDelta))
                if let reply = answer.reply {
                    for word in reply.chunks {
                        let text = EmulatorJSON.string(String(word)).serialized
                        try await events.sendContent(chunk(index, #"{"content":\#(text)}"#))
                    }
                } else if let call = request.toolCall {
                    let name = EmulatorJSON.string(call.name).serialized
                    try await events.send(
                        chunk(
                            index,
                            #"{"tool_calls":[{"index":0,"id":"\#(call.id)","type":"function","#
                                + #""function":{"name":\#(name),"arguments":""}}]}"#
                        ))
                    for fragment in call.argumentFragments {
                        let text = EmulatorJSON.string(String(fragment)).serialized
                        try await events.sendContent(
                            chunk(index, #"{"tool_calls":[{"index":0,"function":{"arguments":\#(text)}}]}"#))
                    }
                }
            }
            try await events.endOfContent()
            let finish = "\"\(answer.finishReason)\""
            for index in 0..<request.choiceCount {
                try await events.send(chunk(index, "{}", finish: finish))
            }
            if request.includeUsage {
                try await events.send(prefix + "],\"usage\":" + answer.usage.serialized + "}\n\n")
            }
            try await events.send("data: [DONE]\n\n")
        }
    }
}
