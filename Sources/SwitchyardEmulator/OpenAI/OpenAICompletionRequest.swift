/// A validated legacy `POST /v1/completions` body.
///
/// `prompt` may be a string, a list of strings, a list of token ids or a list of such lists; each prompt gets
/// `n` choices. Token-id prompts count one token per id and are answered as if empty.
struct OpenAICompletionRequest: Sendable {
    /// One prompt: its text and tokens.
    struct Prompt: Sendable {
        /// The prompt text ("" for token ids).
        let text: String
        /// Its input tokens.
        let tokens: Int
    }

    /// The model, echoed in the answer.
    let model: String
    /// The prompts, in order.
    let prompts: [Prompt]
    /// Choices per prompt (`n`, 1–4).
    let choiceCount: Int
    /// `max_tokens`: each reply is cut to that many words.
    let maxWords: Int?
    /// `stop` sequences.
    let stopSequences: [String]
    /// `echo`: the prompt precedes the reply in `text`.
    let echo: Bool
    /// `stream_options.include_usage`.
    let includeUsage: Bool

    /// Validates `body` (400 `invalid_request_error`, 404 for an unknown model). Chat models are accepted.
    init(_ body: OpenAIParameters, streams: Bool) throws {
        guard let model = try body.string("model") else {
            throw OpenAIError.invalidRequest("you must provide a model parameter", code: "missing_required_parameter")
        }
        try OpenAICatalog.require(model, kind: .chat, route: "v1/completions")
        self.model = model
        guard let prompt = body.value("prompt") else { throw OpenAIError.missing("prompt") }
        prompts = try Self.prompts(prompt)
        choiceCount = try body.int("n", in: 1...4) ?? 1
        maxWords = try body.int("max_tokens", in: 1...Int.max)
        stopSequences = try OpenAIChatRequest.stopSequences(body)
        echo = try body.bool("echo") ?? false
        if let options = try body.object("stream_options") {
            guard streams else {
                throw OpenAIError.invalidRequest(
                    "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                    param: "stream_options", code: "invalid_value")
            }
            includeUsage = try options.bool("include_usage") ?? false
        } else {
            includeUsage = false
        }
    }

    /// The text of the last prompt, where a `[fault:<x>]` keyword is looked for.
    var lastPromptText: String {
        prompts.last?.text ?? ""
    }

    /// The prompts of a `prompt` value.
    private static func prompts(_ value: EmulatorJSON) throws -> [Prompt] {
        switch value {
        case .string(let text):
            return [Prompt(text: text, tokens: EmulatorTokens.count(text))]
        case .array(let elements) where elements.allSatisfy(\.isInteger):
            guard !elements.isEmpty else { throw OpenAIError.invalidValue("prompt", "the prompt must not be empty.") }
            return [Prompt(text: "", tokens: elements.count)]
        case .array(let elements):
            guard !elements.isEmpty else { throw OpenAIError.invalidValue("prompt", "the prompt must not be empty.") }
            return try elements.enumerated().flatMap { index, element -> [Prompt] in
                switch element {
                case .string, .array: return try prompts(element)
                default: throw OpenAIError.invalidType("prompt[\(index)]", expected: "a string", got: element)
                }
            }
        default:
            throw OpenAIError.invalidType("prompt", expected: "a string or an array", got: value)
        }
    }
}
