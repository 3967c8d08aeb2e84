/// The one tool call the emulator makes when a request asks for tool use: the chosen tool, a deterministic id
/// and example arguments generated from the tool's parameter schema.
struct EmulatorToolCall: Sendable {
    /// The tool's name.
    let name: String
    /// The call's id: `<prefix>` and 24 characters derived from the tool name and the last user message.
    let id: String
    /// The arguments as a JSON object (Anthropic's `input`).
    let input: EmulatorJSON
    /// The arguments as JSON text (OpenAI's `arguments`).
    let arguments: String

    /// How many characters each streamed fragment of `arguments` holds.
    private static let fragmentLength = 12

    /// A call of `name` whose arguments follow `schema`, with an id like "call_…" or "toolu_…".
    init(name: String, schema: EmulatorJSON?, idPrefix: String, conversation: EmulatorConversation) {
        self.name = name
        self.id = EmulatorIdentifier.deterministic(idPrefix, from: "\(name)\u{0}\(conversation.lastUserText)")
        let input = EmulatorSchemaExample.value(for: schema)
        self.input = input.isObject ? input : .object([])
        self.arguments = self.input.serialized
    }

    /// Tokens of the call, counted as its argument text.
    var outputTokens: Int {
        EmulatorTokens.count(arguments)
    }

    /// `arguments` in short pieces, as streams deliver them.
    var argumentFragments: [Substring] {
        var fragments: [Substring] = []
        var start = arguments.startIndex
        while start < arguments.endIndex {
            let end = arguments.index(start, offsetBy: Self.fragmentLength, limitedBy: arguments.endIndex)
            fragments.append(arguments[start..<(end ?? arguments.endIndex)])
            start = end ?? arguments.endIndex
        }
        return fragments
    }
}
