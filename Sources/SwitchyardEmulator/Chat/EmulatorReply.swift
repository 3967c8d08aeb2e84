/// The deterministic text of an answer, cut by a stop sequence or a word limit, with the pieces it streams in.
///
/// Streams send one chunk per word (each word with the space that follows it), so the chunks always concatenate
/// to `text`. The word limit stands in for `max_tokens`: the reply is cut to that many words.
struct EmulatorReply: Sendable {
    /// Why the text ended.
    enum Ending: Sendable, Equatable {
        /// The whole reply was produced.
        case complete
        /// The word limit cut it (`length` / `max_tokens`).
        case truncated
        /// A requested stop sequence was found; the text ends just before it.
        case stopSequence(String)
    }

    /// The answer text.
    let text: String
    /// Why it ended.
    let ending: Ending
    /// The streamed pieces of `text`, in order.
    let chunks: [Substring]

    /// How many characters of the user's message a greeting repeats.
    private static let quotedCharacters = 60

    /// "Hello! You said: <first 60 characters>. This is a deterministic reply from the emulator."
    static func greeting(replyingTo userText: String) -> String {
        "Hello! You said: \(userText.prefix(quotedCharacters)). This is a deterministic reply from the emulator."
    }

    /// "The tool returned: <first 60 characters>. This is a deterministic reply from the emulator."
    static func quoting(toolResult: String) -> String {
        "The tool returned: \(toolResult.prefix(quotedCharacters)). This is a deterministic reply from the emulator."
    }

    /// `fullText` cut before the earliest of `stopSequences`, then to at most `maxWords` words.
    init(_ fullText: String, maxWords: Int? = nil, stopSequences: [String] = []) {
        var text = fullText[...]
        var ending = Ending.complete
        var earliest: (range: Range<String.Index>, sequence: String)?
        for sequence in stopSequences where !sequence.isEmpty {
            if let range = text.range(of: sequence), range.lowerBound < (earliest?.range.lowerBound ?? text.endIndex) {
                earliest = (range, sequence)
            }
        }
        if let earliest {
            text = text[..<earliest.range.lowerBound]
            ending = .stopSequence(earliest.sequence)
        }

        var chunks = Self.split(text)
        if let maxWords, chunks.count > max(0, maxWords) {
            chunks.removeLast(chunks.count - max(0, maxWords))
            // The cut text ends at a word, not at the space after it.
            if let last = chunks.last, last.hasSuffix(" ") { chunks[chunks.count - 1] = last.dropLast() }
            text = chunks.isEmpty ? text[text.startIndex..<text.startIndex] : text[..<chunks[chunks.count - 1].endIndex]
            ending = .truncated
        }
        self.text = String(text)
        self.ending = ending
        self.chunks = chunks
    }

    /// Tokens of the answer text.
    var outputTokens: Int {
        EmulatorTokens.count(text)
    }

    /// `text` split after every space (scanned as UTF-8: a space is one byte and never part of another character).
    private static func split(_ text: Substring) -> [Substring] {
        var chunks: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index < utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: " ") {
                chunks.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < utf8.endIndex { chunks.append(text[start...]) }
        return chunks
    }
}
