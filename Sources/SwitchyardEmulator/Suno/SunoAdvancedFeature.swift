/// The features only chirp-auk (v4.5) clips offer: stems, timing and music videos.
enum SunoAdvancedFeature: String, Sendable {
    case stems
    case timing
    case video = "music videos"

    /// Throws 400 `unsupported_model` unless `clip` was made with chirp-auk.
    func require(_ clip: SunoClip) throws {
        guard clip.song.modelName == SunoCatalog.advancedModel else {
            throw RelayError.unsupportedModel(
                "clip \(clip.id) was made with \(clip.song.modelName); only \(SunoCatalog.advancedModel) clips have \(rawValue)"
            )
        }
    }
}
