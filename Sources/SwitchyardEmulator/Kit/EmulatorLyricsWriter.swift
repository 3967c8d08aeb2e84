import Foundation

/// The emulator's stand-in for a music upstream's language model (Suno, Udio): deterministic titles and lyrics
/// made from the words of a prompt, and the sung words of lyrics for timing.
enum EmulatorLyricsWriter {
    /// Small words left out of titles.
    private static let stopWords: Set<String> = [
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "about", "from", "by", "is",
        "are", "my", "your", "song", "songs", "music", "track",
    ]

    /// A title of up to three capitalised content words of `text` (small words and `[...]` tags left out); nil
    /// when it has none.
    static func title(from text: String?) -> String? {
        let words = plainWords(text ?? "").filter { !stopWords.contains($0.lowercased()) }.prefix(3)
        guard !words.isEmpty else { return nil }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Lyrics about `topic`: a `[Verse]` and a `[Chorus]` of two lines each, then a second verse.
    static func lyrics(about topic: String?) -> String {
        let words = plainWords(topic ?? "").prefix(8)
        let subject = words.isEmpty ? "the song in my head" : words.joined(separator: " ")
        let hook = title(from: subject) ?? "Tonight"
        return [
            "[Verse]",
            "Underneath the open sky I think of \(subject)",
            "Every step I take brings me closer to \(subject)",
            "",
            "[Chorus]",
            "\(hook), \(hook), carry me home",
            "\(hook), I will never be alone",
            "",
            "[Verse 2]",
            "Morning light is breaking and it sings of \(subject)",
        ].joined(separator: "\n")
    }

    /// The words sung from `lyrics`: everything outside `[...]` tags, punctuation trimmed.
    static func sungWords(_ lyrics: String) -> [String] {
        plainWords(lyrics)
    }

    /// The words of `text` outside square-bracket tags (section names, fault keywords), punctuation trimmed.
    private static func plainWords(_ text: String) -> [String] {
        var outside = ""
        var depth = 0
        for character in text {
            switch character {
            case "[": depth += 1
            case "]": depth = max(0, depth - 1); outside.append(" ")
            default: if depth == 0 { outside.append(character) }
            }
        }
        return outside.split(whereSeparator: { $0.isWhitespace }).compactMap { token in
            let word = token.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
            return word.isEmpty ? nil : word
        }
    }
}
