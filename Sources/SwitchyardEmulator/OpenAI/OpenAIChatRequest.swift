/// A validated `POST /v1/chat/completions` body: what the emulator needs to answer it.
struct OpenAIChatRequest: Sendable {
    /// The model, echoed in the answer.
    let model: String
    /// The messages as the emulator reads them.
    let conversation: EmulatorConversation
    /// How many choices to answer with (`n`, 1–4).
    let choiceCount: Int
    /// `max_completion_tokens` or `max_tokens`: the reply is cut to that many words.
    let maxWords: Int?
    /// `stop` sequences.
    let stopSequences: [String]
    /// The tool call to answer with, when tool use applies.
    let toolCall: EmulatorToolCall?
    /// `response_format`.
    let format: OpenAIOutputFormat
    /// `stream_options.include_usage`.
    let includeUsage: Bool

    /// The roles a chat message may have.
    private static let roles: Set = ["system", "developer", "user", "assistant", "tool", "function"]

    /// Validates `body` as OpenAI does (400 `invalid_request_error`, 404 for an unknown model).
    init(_ body: OpenAIParameters, streams: Bool) throws {
        guard let model = try body.string("model") else {
            throw OpenAIError.invalidRequest("you must provide a model parameter", code: "missing_required_parameter")
        }
        try OpenAICatalog.require(model, kind: .chat, route: "v1/chat/completions")
        self.model = model

        guard let messages = try body.objects("messages", required: true), !messages.isEmpty else {
            throw OpenAIError.invalidRequest(
                "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array "
                    + "instead.", param: "messages", code: "empty_array")
        }
        var conversation = EmulatorConversation()
        for message in messages {
            try Self.read(message, into: &conversation)
        }
        self.conversation = conversation

        choiceCount = try body.int("n", in: 1...4) ?? 1
        maxWords = try body.int("max_completion_tokens", in: 1...Int.max) ?? body.int("max_tokens", in: 1...Int.max)
        stopSequences = try Self.stopSequences(body)
        format = try OpenAIOutputFormat(body.object("response_format"))

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

        let functions = try (body.objects("tools") ?? []).compactMap(Self.function)
        toolCall = try OpenAIToolChoice(body.value("tool_choice"), hasTools: !functions.isEmpty)
            .call(functions, conversation: conversation)
    }

    /// Adds one message to `conversation`.
    private static func read(_ message: OpenAIParameters, into conversation: inout EmulatorConversation) throws {
        guard let role = try message.string("role", required: true), roles.contains(role) else {
            let role = message.value("role")?.stringValue ?? ""
            throw OpenAIError.invalidValue(
                message.name("role"),
                "'\(role)'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.")
        }
        let content = message.value("content")
        if content == nil, role != "assistant" { throw OpenAIError.missing(message.name("content")) }
        var (text, images) = try contentText(content, name: message.name("content"))
        if role == "assistant", let calls = try message.objects("tool_calls") {
            for call in calls {
                text += try call.object("function")?.string("arguments") ?? ""
            }
        }
        let isToolResult = role == "tool" || role == "function"
        conversation.addMessage(
            text: text, images: images, isUser: role == "user", toolResult: isToolResult ? text : nil)
    }

    /// The text of a message's `content` (a string, or the text parts of an array joined by newlines) and its
    /// number of image parts.
    static func contentText(_ content: EmulatorJSON?, name: String) throws -> (text: String, images: Int) {
        switch content {
        case nil:
            return ("", 0)
        case .string(let text)?:
            return (text, 0)
        case .array(let parts)?:
            var texts: [String] = []
            var images = 0
            for (index, part) in parts.enumerated() {
                let part = try OpenAIParameters(part, path: "\(name)[\(index)]")
                switch try part.string("type", required: true) {
                case "text", "input_text", "output_text":
                    texts.append(try part.string("text", required: true) ?? "")
                case "refusal":
                    texts.append(try part.string("refusal") ?? "")
                case "image_url", "input_image":
                    images += 1
                default:
                    break
                }
            }
            return (texts.joined(separator: "\n"), images)
        case let other?:
            throw OpenAIError.invalidType(name, expected: "one of a string or array of objects", got: other)
        }
    }

    /// A function tool `{"type":"function","function":{"name":…,"parameters":…}}`; nil for other tool types.
    private static func function(_ tool: OpenAIParameters) throws -> OpenAIToolChoice.Function? {
        guard try tool.string("type") ?? "function" == "function" else { return nil }
        guard let function = try tool.object("function") else { throw OpenAIError.missing(tool.name("function")) }
        guard let name = try function.string("name", required: true) else { return nil }
        return OpenAIToolChoice.Function(name: name, parameters: function.value("parameters"))
    }

    /// `stop`: a string or up to 4 strings.
    static func stopSequences(_ body: OpenAIParameters) throws -> [String] {
        switch body.value("stop") {
        case nil: return []
        case .string(let sequence)?: return [sequence]
        case .array(let elements)?:
            guard elements.count <= 4 else {
                throw OpenAIError.invalidRequest(
                    "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with "
                        + "length \(elements.count) instead.", param: "stop", code: "array_above_max_length")
            }
            return try elements.enumerated().map { index, element in
                guard case .string(let sequence) = element else {
                    throw OpenAIError.invalidType("stop[\(index)]", expected: "a string", got: element)
                }
                return sequence
            }
        case let other?:
            throw OpenAIError.invalidType("stop", expected: "a string or an array of strings", got: other)
        }
    }
}
