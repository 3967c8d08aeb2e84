/// Fixed vocabularies and numbers of the emulated Udio upstream (the relay task protocol).
enum UdioCatalog {
    /// Official base path the family is served under; a Udio channel's base URL is the emulator's root.
    static let basePath = "/udio"
    /// Folder of this family's assets under `/media`.
    static let mediaFamily = "udio"
    /// `action` of a generation task.
    static let action = "udio-generate"

    /// Accepted `model_type` values, each with the seconds of audio a song of it lasts.
    static let songSeconds: [String: Double] = ["udio32-v1.5": 32.0, "udio130-v1.5": 130.0]
    /// Accepted `model_type` values in the order error messages list them.
    static let models = ["udio32-v1.5", "udio130-v1.5"]
    /// Model of a request that names none.
    static let defaultModel = "udio32-v1.5"
    /// Accepted `lyrics_type` values; `generate` (lyrics written from the prompt) when absent.
    static let lyricsTypes = ["generate", "user", "instrumental"]
    /// Accepted `config.mode` values: a new song, an extension before the source, or one after it.
    static let modes = ["regular", "precede", "continuation"]
    /// Fields of `gen_params` that take a share between 0 and 1.
    static let unitFields = [
        "song_section_start", "song_section_end", "lyrics_placement_start", "lyrics_placement_end", "prompt_strength",
        "clarity_strength", "lyrics_strength", "generation_quality",
    ]

    /// `artist` of every song: the account the emulated upstream generates under.
    static let artist = "emulator"
    /// `fail_reason` of a task made to fail by the `fail` fault.
    static let emulatedFailureReason = "Generation failed (emulated)"
    /// `fail_reason` of a task made to fail by the `partial` fault.
    static let partialFailureReason = "upstream reports failure after a partial success"
    /// `error_type` of a song that ended in error.
    static let songErrorType = "generation_failed"
    /// `error_detail` of a song that ended in error.
    static let songErrorDetail = "Generation failed (emulated)"
    /// `error_code` of a song that ended in error.
    static let songErrorCode = "500"
}
