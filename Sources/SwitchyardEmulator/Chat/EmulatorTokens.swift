/// The emulator's token arithmetic, shared by the OpenAI and Anthropic families so usage figures are predictable
/// in tests: roughly four UTF-8 bytes per token, never less than one token per text.
enum EmulatorTokens {
    /// What one image part of a message costs.
    static let perImage = 85

    /// Tokens of `text`: `max(1, (utf8 byte count + 3) / 4)`.
    static func count(_ text: String) -> Int {
        max(1, (text.utf8.count + 3) / 4)
    }
}
