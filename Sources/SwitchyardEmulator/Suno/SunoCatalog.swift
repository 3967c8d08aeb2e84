/// Fixed vocabularies and numbers of the emulated Suno upstream (the relay task protocol).
enum SunoCatalog {
    /// Official base path the family is served under; a Suno channel's base URL is the emulator's root.
    static let basePath = "/suno"
    /// Folder of this family's assets under `/media`.
    static let mediaFamily = "suno"

    /// Accepted `mv` values, each with the `major_model_version` Suno reports for it.
    static let majorVersions: [String: String] = [
        "chirp-v3-5": "v3.5",
        "chirp-v4": "v4",
        "chirp-auk": "v4.5",
        "chirp-bluejay": "v4.5+",
        "chirp-crow": "v5",
    ]
    /// Accepted `mv` values in the order error messages list them.
    static let models = ["chirp-v3-5", "chirp-v4", "chirp-auk", "chirp-bluejay", "chirp-crow"]
    /// Model of a music request that names none.
    static let defaultModel = "chirp-v4"
    /// The only model whose clips have stems, timing and music videos (v4.5).
    static let advancedModel = "chirp-auk"
    /// `model_name` of stem clips.
    static let stemModel = "chirp-stem"
    /// `model_name` of uploaded clips.
    static let uploadModel = "chirp-v4"

    /// Values of `task` a music request may carry (absent means a new song).
    static let musicTasks = ["extend", "upload_extend", "cover", "infill", "gen_stem"]

    /// Seconds of audio in a newly generated clip, an uploaded clip and an extension's new part: fixed so tests
    /// can reason about `continue_at`, infill ranges and concatenated durations.
    static let clipDuration = 30.0

    /// `fail_reason` of a task made to fail by the `fail` fault.
    static let emulatedFailureReason = "Generation failed (emulated)"
    /// `fail_reason` of a task made to fail by the `partial` fault.
    static let partialFailureReason = "upstream reports failure after a partial success"
    /// `metadata.error_type` of a clip that ended in error.
    static let clipErrorType = "generation_failed"
    /// `metadata.error_message` of a clip that ended in error.
    static let clipErrorMessage = "Generation failed (emulated)"

    /// The `major_model_version` of `model`; stem and unknown models fall back to `fallback`.
    static func majorVersion(of model: String, fallback: String = "v4") -> String {
        majorVersions[model] ?? fallback
    }
}
