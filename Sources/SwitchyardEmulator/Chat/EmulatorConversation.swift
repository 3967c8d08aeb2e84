/// What the emulator keeps of a conversation sent to a chat-style route: enough to answer deterministically, to
/// pick a keyword fault and to report input tokens.
///
/// Families fill it while they validate the request, one message at a time in order.
struct EmulatorConversation: Sendable {
    /// Sum over the messages (and system text) of their token counts, plus `EmulatorTokens.perImage` per image.
    private(set) var inputTokens = 0
    /// The text of the last user message ("" until one is seen).
    private(set) var lastUserText = ""
    /// The content of the tool result when the conversation ends with one (the answer then quotes it), else nil.
    private(set) var finalToolResult: String?

    /// Counts a system or developer text that is not a message of the turn order.
    mutating func addInstructions(_ text: String) {
        inputTokens += EmulatorTokens.count(text)
    }

    /// Adds one message: its text (the parts joined), how many images it carries and, when it is a tool result,
    /// the result's text. A user message becomes the last user message; any message resets `finalToolResult`
    /// unless it is itself a tool result.
    mutating func addMessage(text: String, images: Int = 0, isUser: Bool, toolResult: String? = nil) {
        inputTokens += EmulatorTokens.count(text) + images * EmulatorTokens.perImage
        if isUser { lastUserText = text }
        finalToolResult = toolResult
    }

    /// The answer text: a quote of the final tool result, else a reply to the last user message.
    var replyText: String {
        if let finalToolResult { return EmulatorReply.quoting(toolResult: finalToolResult) }
        return EmulatorReply.greeting(replyingTo: lastUserText)
    }

    /// True when the last user message asks for a tool call with the `[tool]` keyword.
    var asksForTool: Bool {
        lastUserText.utf8.contains(UInt8(ascii: "[")) && lastUserText.contains("[tool]")
    }
}
