/// The result of a lyrics task.
struct SunoLyrics: Sendable {
    /// Lowercase UUID of the lyrics.
    let id: String
    /// Generated title.
    let title: String
    /// Generated lyrics with `[Verse]`/`[Chorus]` sections.
    let text: String

    /// Lyrics written for `prompt`, with a fresh id.
    init(prompt: String?, id: String) {
        self.id = id
        self.title = EmulatorLyricsWriter.title(from: prompt) ?? "Untitled"
        self.text = EmulatorLyricsWriter.lyrics(about: prompt)
    }

    /// The finished task's `data`: `{"id","status":"complete","title","text"}`.
    var json: EmulatorJSON {
        .object([
            ("id", .string(id)),
            ("status", .string("complete")),
            ("title", .string(title)),
            ("text", .string(text)),
        ])
    }
}
