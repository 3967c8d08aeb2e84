/// A validated `POST /v1/responses` body.
///
/// `input` is a string (one user message) or a list of input items: messages (`{"role":…,"content":…}` with or
/// without `"type":"message"`, content a string or `input_text`/`input_image`/`output_text` parts),
/// `function_call` and `function_call_output` items; other item types are skipped.
struct OpenAIResponsesRequest: Sendable {
    /// The model, echoed in the answer.
    let model: String
    /// The input as the emulator reads it.
    let conversation: EmulatorConversation
    /// `max_output_tokens`: the reply is cut to that many words.
    let maxWords: Int?
    /// The function call to answer with, when tool use applies.
    let toolCall: EmulatorToolCall?
    /// `text.format`.
    let format: OpenAIOutputFormat
    /// Request values the Response object echoes: instructions, tools, tool_choice, text, temperature, top_p,
    /// parallel_tool_calls, store, metadata, previous_response_id, user.
    let echoed: [String: EmulatorJSON]

    /// Validates `body` (400 `invalid_request_error`, 404 for an unknown model).
    init(_ body: OpenAIParameters) throws {
        guard let model = try body.string("model", required: true) else { throw OpenAIError.missing("model") }
        try OpenAICatalog.require(model, kind: .chat, route: "v1/responses")
        self.model = model

        var conversation = EmulatorConversation()
        if let instructions = try body.string("instructions") { conversation.addInstructions(instructions) }
        switch body.value("input") {
        case nil:
            throw OpenAIError.missing("input")
        case .string(let text)?:
            conversation.addMessage(text: text, isUser: true)
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                try Self.read(OpenAIParameters(item, path: "input[\(index)]"), into: &conversation)
            }
        case let other?:
            throw OpenAIError.invalidType("input", expected: "a string or an array", got: other)
        }
        self.conversation = conversation

        maxWords = try body.int("max_output_tokens", in: 1...Int.max)
        format = try OpenAIOutputFormat(body.object("text")?.object("format"))
        let functions = try (body.objects("tools") ?? []).compactMap { tool -> OpenAIToolChoice.Function? in
            guard try tool.string("type", required: true) == "function" else { return nil }
            guard let name = try tool.string("name", required: true) else { return nil }
            return OpenAIToolChoice.Function(name: name, parameters: tool.value("parameters"))
        }
        toolCall = try OpenAIToolChoice(body.value("tool_choice"), hasTools: !functions.isEmpty)
            .call(functions, conversation: conversation)

        var echoed: [String: EmulatorJSON] = [:]
        for key in [
            "instructions", "tools", "tool_choice", "text", "temperature", "top_p", "parallel_tool_calls", "store",
            "metadata", "previous_response_id", "user", "max_output_tokens",
        ] {
            echoed[key] = body.value(key)
        }
        self.echoed = echoed
    }

    /// Adds one input item to `conversation`.
    private static func read(_ item: OpenAIParameters, into conversation: inout EmulatorConversation) throws {
        switch try item.string("type") ?? "message" {
        case "message":
            guard let role = try item.string("role", required: true) else { return }
            guard ["user", "assistant", "system", "developer"].contains(role) else {
                throw OpenAIError.invalidValue(
                    item.name("role"),
                    "'\(role)'. Supported values are: 'assistant', 'system', 'developer', and 'user'.")
            }
            guard let content = item.value("content") else { throw OpenAIError.missing(item.name("content")) }
            let (text, images) = try OpenAIChatRequest.contentText(content, name: item.name("content"))
            conversation.addMessage(text: text, images: images, isUser: role == "user")
        case "function_call":
            conversation.addMessage(text: try item.string("arguments") ?? "", isUser: false)
        case "function_call_output":
            let output = try OpenAIChatRequest.contentText(item.value("output"), name: item.name("output")).text
            conversation.addMessage(text: output, isUser: false, toolResult: output)
        default:
            break
        }
    }
}
