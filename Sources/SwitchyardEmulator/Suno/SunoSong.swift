/// What a clip is, apart from its id and timeline: the fields its `metadata` and titles report.
///
/// Both clips of a music task share one song; stems, uploads and concatenations make their own.
struct SunoSong: Sendable {
    /// `title`.
    var title: String
    /// `model_name`, e.g. "chirp-v4" or "chirp-stem".
    var modelName: String
    /// `major_model_version`, e.g. "v4".
    var majorModelVersion: String
    /// `metadata.type`: "gen", "upload", "concat" or "stem".
    var type: String
    /// `metadata.tags` (style).
    var tags: String
    /// `metadata.negative_tags`.
    var negativeTags: String
    /// `metadata.prompt`: the lyrics sung (generated from the description in inspiration mode).
    var prompt: String
    /// `metadata.gpt_description_prompt`, nil in custom mode.
    var gptDescriptionPrompt: String?
    /// `metadata.duration` once complete, in seconds.
    var duration: Double
    /// True when the song has no vocals (`metadata.has_vocal` is the opposite).
    var makeInstrumental: Bool
    /// The clip this one continues from (extend, upload_extend), used to build `history` and concat chains.
    var continuation: SunoContinuation?
    /// `metadata.history` entries other than a continuation's (cover, infill), or empty.
    var extraHistory: [EmulatorJSON] = []
    /// `metadata.concat_history` of a concatenation, nil otherwise.
    var concatHistory: [EmulatorJSON]?
    /// `metadata.infill`.
    var infill = false
    /// The replaced section of an infill, in seconds.
    var infillRange: ClosedRange<Double>?
    /// `metadata.cover_clip_id` of a cover.
    var coverClipID: String?
    /// `metadata.persona_id` when sung by a persona.
    var personaID: String?
    /// `metadata.stem_from_id` of a stem: the clip it was split from.
    var stemFromID: String?
    /// The audio's own URL (an upload's source); nil means the emulator's MP3 for the clip.
    var audioURL: String?
}

/// The link of an extension to the clip it continues.
struct SunoContinuation: Sendable {
    /// Id of the continued clip.
    let clipID: String
    /// Where, in seconds of the continued clip, the extension takes over.
    let continueAt: Double
    /// `metadata.type` of the continued clip ("gen", or "upload" for upload_extend).
    let sourceType: String
}
