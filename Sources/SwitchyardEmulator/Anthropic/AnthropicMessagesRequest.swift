/// A validated `POST /v1/messages` (or `/v1/messages/count_tokens`) body.
///
/// Messages alternate `user` and `assistant`; content is a string or blocks: `text`, `image` (any source; counts
/// `EmulatorTokens.perImage`), `tool_use` (its input counts as text) and `tool_result` (its content counts as text
/// and, in the final message, is what the answer quotes). Other block types are skipped. `system` is a string or
/// text blocks.
struct AnthropicMessagesRequest: Sendable {
    /// The model, echoed in the answer.
    let model: String
    /// The messages as the emulator reads them.
    let conversation: EmulatorConversation
    /// `max_tokens`: the reply is cut to that many words (nil for count_tokens).
    let maxTokens: Int?
    /// `stop_sequences`.
    let stopSequences: [String]
    /// The tool call to answer with, when tool use applies.
    let toolCall: EmulatorToolCall?

    /// Validates `body` as Anthropic does (400 `invalid_request_error`, 404 `not_found_error` for an unknown
    /// model); `max_tokens` is required unless `countingOnly`.
    init(_ body: EmulatorJSONFields, countingOnly: Bool = false) throws {
        guard let model = try body.string("model", required: true) else {
            throw AnthropicError.invalidRequest("model: Field required")
        }
        if countingOnly {
            maxTokens = try body.int("max_tokens")
        } else {
            guard let maxTokens = try body.int("max_tokens") else {
                throw AnthropicError.invalidRequest("max_tokens: Field required")
            }
            guard maxTokens >= 1 else {
                throw AnthropicError.invalidRequest("max_tokens: Input should be greater than or equal to 1")
            }
            self.maxTokens = maxTokens
        }

        var conversation = EmulatorConversation()
        switch body.value("system") {
        case nil: break
        case .string(let text)?: conversation.addInstructions(text)
        case .array?:
            let blocks = try body.objects("system") ?? []
            conversation.addInstructions(
                try blocks.map { try $0.string("text", required: true) ?? "" }.joined(separator: "\n"))
        case let other?:
            throw AnthropicError.invalidRequest(
                "system: Input should be a valid string or list (got \(other.typeName))")
        }
        guard let messages = try body.objects("messages") else {
            throw AnthropicError.invalidRequest("messages: Field required")
        }
        guard !messages.isEmpty else {
            throw AnthropicError.invalidRequest("messages: at least one message is required")
        }
        for (index, message) in messages.enumerated() {
            try Self.read(message, index: index, into: &conversation)
        }
        self.conversation = conversation
        try AnthropicCatalog.require(model)
        self.model = model

        stopSequences = try (body.array("stop_sequences") ?? []).enumerated().map { index, element in
            guard case .string(let sequence) = element else {
                throw AnthropicError.invalidRequest("stop_sequences.\(index): Input should be a valid string")
            }
            return sequence
        }
        toolCall = try Self.toolCall(body, conversation: conversation)
    }

    /// Adds one message to `conversation`.
    private static func read(
        _ message: EmulatorJSONFields, index: Int, into conversation: inout EmulatorConversation
    ) throws {
        let role = try message.string("role", required: true)
        guard role == "user" || role == "assistant" else {
            if role == "system" {
                throw AnthropicError.invalidRequest(
                    "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter, "
                        + "not \"system\" as an input message role.")
            }
            throw AnthropicError.invalidRequest("messages.\(index).role: Input should be 'user' or 'assistant'")
        }
        var texts: [String] = []
        var images = 0
        var toolResults: [String] = []
        switch message.value("content") {
        case nil:
            throw AnthropicError.invalidRequest("messages.\(index).content: Field required")
        case .string(let text)?:
            texts.append(text)
        case .array?:
            for block in try message.objects("content") ?? [] {
                switch try block.string("type", required: true) {
                case "text":
                    texts.append(try block.string("text", required: true) ?? "")
                case "image", "document":
                    images += 1
                case "tool_use":
                    texts.append(block.value("input")?.serialized ?? "{}")
                case "tool_result":
                    let result = try resultText(block.value("content"), name: block.name("content"))
                    toolResults.append(result)
                    texts.append(result)
                default:
                    break
                }
            }
        case let other?:
            throw AnthropicError.invalidRequest(
                "messages.\(index).content: Input should be a valid string or list (got \(other.typeName))")
        }
        conversation.addMessage(
            text: texts.joined(separator: "\n"), images: images, isUser: role == "user",
            toolResult: toolResults.isEmpty ? nil : toolResults.joined(separator: "\n"))
    }

    /// The text of a `tool_result` block's content (a string or text blocks).
    private static func resultText(_ content: EmulatorJSON?, name: String) throws -> String {
        switch content {
        case nil: return ""
        case .string(let text)?: return text
        case .array(let blocks)?:
            return blocks.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }
                .joined(separator: "\n")
        case let other?:
            throw AnthropicError.invalidRequest(
                "\(name): Input should be a valid string or list (got \(other.typeName))")
        }
    }

    /// The tool call to make: custom tools are given, the final message holds no tool result, and `tool_choice`
    /// is `any` or names a tool, or is `auto`/absent and the last user message contains "[tool]".
    private static func toolCall(_ body: EmulatorJSONFields, conversation: EmulatorConversation) throws
        -> EmulatorToolCall?
    {
        var tools: [(name: String, schema: EmulatorJSON?)] = []
        for tool in try body.objects("tools") ?? [] {
            // Server tools (web search, code execution, ...) carry a versioned type and no input schema.
            if let type = try tool.string("type"), type != "custom" { continue }
            guard let name = try tool.string("name", required: true) else { continue }
            guard let schema = tool.value("input_schema") else {
                throw AnthropicError.invalidRequest("\(tool.name("input_schema")): Field required")
            }
            tools.append((name, schema))
        }
        let choice = try body.object("tool_choice")
        let mode = try choice?.choice("type", from: ["auto", "any", "tool", "none"], required: true) ?? "auto"
        guard !tools.isEmpty, conversation.finalToolResult == nil else { return nil }
        let chosen: (name: String, schema: EmulatorJSON?)?
        switch mode {
        case "any":
            chosen = tools[0]
        case "tool":
            let name = try choice?.string("name", required: true) ?? ""
            guard let tool = tools.first(where: { $0.name == name }) else {
                throw AnthropicError.invalidRequest("tool_choice.name: Tool '\(name)' not found in provided tools")
            }
            chosen = tool
        case "auto":
            chosen = conversation.asksForTool ? tools[0] : nil
        default:
            chosen = nil
        }
        return chosen.map {
            EmulatorToolCall(name: $0.name, schema: $0.schema, idPrefix: "toolu_01", conversation: conversation)
        }
    }
}
