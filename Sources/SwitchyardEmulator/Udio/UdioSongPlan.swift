/// What a Udio task's songs are, from a validated `gen_params`: both songs of a task share it.
struct UdioSongPlan: Sendable {
    /// `title`.
    let title: String
    /// `prompt` as sent (the style description).
    let prompt: String
    /// `lyrics`: sung lyrics, "" for an instrumental.
    let lyrics: String
    /// `user_tags`: the styles named in the prompt.
    let userTags: [String]
    /// `model_type`.
    let model: String
    /// `duration` in seconds.
    let duration: Double
    /// `config.mode`.
    let mode: String
    /// The song an extension continues or precedes, nil for a new song.
    let sourceSongID: String?
    /// `notify_hook`, echoed in the task object.
    let notifyHook: String?
}
