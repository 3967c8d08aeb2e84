/// Splitting a clip into its vocals and its accompaniment.
enum SunoStems {
    /// The two stem songs of `source` (which must be a chirp-auk clip): "<title> (Vocals)" and
    /// "<title> (Instrumental)", model chirp-stem, as long as the source.
    static func songs(from source: SunoClip) throws -> [SunoSong] {
        try SunoAdvancedFeature.stems.require(source)
        return [stem(of: source, vocals: true), stem(of: source, vocals: false)]
    }

    /// One stem of `source`.
    private static func stem(of source: SunoClip, vocals: Bool) -> SunoSong {
        SunoSong(
            title: "\(source.song.title) (\(vocals ? "Vocals" : "Instrumental"))",
            modelName: SunoCatalog.stemModel,
            majorModelVersion: source.song.majorModelVersion,
            type: "stem",
            tags: source.song.tags,
            negativeTags: "",
            prompt: vocals ? source.song.prompt : "",
            gptDescriptionPrompt: nil,
            duration: source.song.duration,
            makeInstrumental: !vocals,
            stemFromID: source.id
        )
    }
}
