/// Decides whether an OpenAI request (chat completions or responses) is answered with a tool call, and of which
/// function.
///
/// A call is made when function tools are given, the conversation does not end with a tool result, and
/// `tool_choice` is "required" or names a function, or is "auto"/absent and the last user message contains
/// "[tool]". "none" never calls.
struct OpenAIToolChoice: Sendable {
    /// A function tool the request offers: its name and parameter schema.
    struct Function: Sendable {
        /// The function's name.
        let name: String
        /// Its JSON Schema `parameters`, if any.
        let parameters: EmulatorJSON?
    }

    /// What `tool_choice` asks for.
    private enum Mode {
        case none, auto, required
        case named(String)
    }

    /// The mode read from the request.
    private let mode: Mode

    /// Reads `tool_choice` (a string, `{"type":"function","function":{"name":…}}` for chat, or
    /// `{"type":"function","name":…}` for responses); other tool choice objects count as "auto".
    init(_ value: EmulatorJSON?, hasTools: Bool) throws {
        switch value {
        case nil, .null?:
            mode = .auto
        case .string("none")?:
            mode = .none
        case .string("auto")?:
            mode = .auto
        case .string("required")?:
            mode = .required
        case .string(let other)?:
            throw OpenAIError.invalidValue(
                "tool_choice", "'\(other)'. Supported values are: 'none', 'auto', and 'required'.")
        case .object?:
            if value?["type"]?.stringValue == "function",
                let name = value?["function"]?["name"]?.stringValue ?? value?["name"]?.stringValue
            {
                mode = .named(name)
            } else {
                mode = .auto
            }
        case let other?:
            throw OpenAIError.invalidType("tool_choice", expected: "a string or an object", got: other)
        }
        if value != nil, value != .null, !hasTools, case .named = mode {
            throw OpenAIError.invalidValue("tool_choice", "'tool_choice' is only allowed when 'tools' are specified.")
        }
    }

    /// The call to make for `conversation` given `functions`, nil to answer with text.
    /// - Throws: 400 when `tool_choice` names a function that is not among the tools.
    func call(_ functions: [Function], conversation: EmulatorConversation) throws -> EmulatorToolCall? {
        guard !functions.isEmpty, conversation.finalToolResult == nil else { return nil }
        let chosen: Function?
        switch mode {
        case .none: chosen = nil
        case .auto: chosen = conversation.asksForTool ? functions[0] : nil
        case .required: chosen = functions[0]
        case .named(let name):
            guard let function = functions.first(where: { $0.name == name }) else {
                throw OpenAIError.invalidValue("tool_choice", "function '\(name)' is not among the tools.")
            }
            chosen = function
        }
        return chosen.map {
            EmulatorToolCall(name: $0.name, schema: $0.parameters, idPrefix: "call_", conversation: conversation)
        }
    }
}
