/// A validated submit: everything needed to store a new task.
struct SunoTaskPlan: Sendable {
    /// What the task makes.
    var action: SunoTaskAction
    /// The songs of its clips, one clip each (two for music, one for a concatenation, none for lyrics).
    var songs: [SunoSong] = []
    /// The prompt lyrics are written from (lyrics tasks).
    var lyricsPrompt: String?
}
