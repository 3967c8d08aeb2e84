import Hummingbird

/// Streams a legacy completion as `data: {text_completion}` events ending with `data: [DONE]`: one event per
/// word of each choice (the echoed prompt first when `echo` is set), an event with the `finish_reason` per choice,
/// a usage event with `choices: []` when `stream_options.include_usage` is set, and `[DONE]`.
enum OpenAICompletionStream {
    /// The streaming response for `answer`.
    static func response(_ answer: OpenAICompletionAnswer, stream: EmulatorEventStream) -> Response {
        let model = EmulatorJSON.string(answer.request.model).serialized
        let prefix =
            #"data: {"id":"\#(answer.id)","object":"text_completion","created":\#(answer.created),"model":\#(model),"#
            + #""system_fingerprint":"\#(OpenAIEmulatorRoutes.systemFingerprint)","choices":["#
        let includeUsage = answer.request.includeUsage
        let suffix = includeUsage ? "],\"usage\":null}\n\n" : "]}\n\n"
        let isMalformed = stream.isMalformed

        return stream.response { events in
            /// One event with one choice.
            func event(_ index: Int, _ text: String, finish: String = "null") -> String {
                let text = EmulatorJSON.string(text).serialized
                return prefix + #"{"text":\#(text),"index":\#(index),"logprobs":null,"finish_reason":\#(finish)}"#
                    + suffix
            }

            if isMalformed {
                try await events.send(prefix + #"{"text":"unterminated"# + "\n\n")
                return
            }
            for choice in answer.choices {
                if !choice.echoed.isEmpty { try await events.send(event(choice.index, choice.echoed)) }
                for word in choice.reply.chunks {
                    try await events.sendContent(event(choice.index, String(word)))
                }
            }
            try await events.endOfContent()
            for choice in answer.choices {
                try await events.send(event(choice.index, "", finish: "\"\(choice.finishReason)\""))
            }
            if includeUsage {
                try await events.send(prefix + "],\"usage\":" + answer.usage.serialized + "}\n\n")
            }
            try await events.send("data: [DONE]\n\n")
        }
    }
}
