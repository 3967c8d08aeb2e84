import Foundation

/// The answer to a legacy completion request (`text_completion`), shared by its plain and streamed forms.
struct OpenAICompletionAnswer: Sendable {
    /// One choice: its index and reply.
    struct Choice: Sendable {
        /// Position in `choices` (prompt index × n + choice number).
        let index: Int
        /// The prompt text when `echo` is set, else "".
        let echoed: String
        /// The reply.
        let reply: EmulatorReply

        /// `finish_reason`.
        var finishReason: String {
            reply.ending == .truncated ? "length" : "stop"
        }
    }

    /// "cmpl-…".
    let id = EmulatorIdentifier.unique("cmpl-", length: 29)
    /// Unix seconds.
    let created = Int(Date().timeIntervalSince1970)
    /// The validated request.
    let request: OpenAICompletionRequest
    /// Every choice, in index order.
    let choices: [Choice]

    /// Builds the answer of `request`.
    init(_ request: OpenAICompletionRequest) {
        self.request = request
        var choices: [Choice] = []
        for (promptIndex, prompt) in request.prompts.enumerated() {
            let reply = EmulatorReply(
                EmulatorReply.greeting(replyingTo: prompt.text), maxWords: request.maxWords,
                stopSequences: request.stopSequences)
            for number in 0..<request.choiceCount {
                choices.append(
                    Choice(
                        index: promptIndex * request.choiceCount + number,
                        echoed: request.echo ? prompt.text : "",
                        reply: reply))
            }
        }
        self.choices = choices
    }

    /// `usage` over every prompt and choice.
    var usage: EmulatorJSON {
        OpenAIUsage.json(
            prompt: request.prompts.reduce(0) { $0 + $1.tokens },
            completion: choices.reduce(0) { $0 + $1.reply.outputTokens })
    }

    /// The `text_completion` object.
    var json: EmulatorJSON {
        .object([
            ("id", .string(id)),
            ("object", .string("text_completion")),
            ("created", .int(created)),
            ("model", .string(request.model)),
            (
                "choices",
                .array(
                    choices.map { choice in
                        .object([
                            ("text", .string(choice.echoed + choice.reply.text)),
                            ("index", .int(choice.index)),
                            ("logprobs", .null),
                            ("finish_reason", .string(choice.finishReason)),
                        ])
                    })
            ),
            ("usage", usage),
            ("system_fingerprint", .string(OpenAIEmulatorRoutes.systemFingerprint)),
        ])
    }
}
