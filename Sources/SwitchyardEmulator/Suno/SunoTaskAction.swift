/// The `action` of a task: what kind of result its `data` holds.
enum SunoTaskAction: String, Sendable {
    /// Music (new songs, extensions, covers, infills, stems, concatenations): `data` is an array of clips.
    case music = "MUSIC"
    /// Lyrics: `data` is the lyrics object once finished.
    case lyrics = "LYRICS"
}
