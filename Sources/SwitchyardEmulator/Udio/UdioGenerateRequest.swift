import Foundation

/// Validation of `POST /udio/submit/music` (and `/udio/generate-proxy`): `{"gen_params": {...}, "notify_hook"}`.
enum UdioGenerateRequest {
    /// Validates `body` and plans the task's songs.
    /// - Parameter completeSong: the song this emulator made with that id, when it is complete now; throws
    ///   `song_not_found` or `song_not_complete` otherwise.
    /// - Throws: `RelayError` (400 `invalid_request`, `unsupported_model`, `song_not_found`, `song_not_complete`)
    ///   or `EmulatorHTTPError` for a field of the wrong type.
    static func plan(_ body: EmulatorJSONFields, completeSong: (String) throws -> UdioSong) throws -> UdioSongPlan {
        let notifyHook = try body.string("notify_hook").flatMap { $0.isEmpty ? nil : $0 }
        guard let params = try body.object("gen_params") else {
            throw RelayError.invalidRequest("gen_params: Field required")
        }
        let prompt = try params.string("prompt") ?? ""
        let lyricsType = try choice(params, "lyrics_type", UdioCatalog.lyricsTypes) ?? "generate"
        let lyrics = try params.string("lyrics") ?? ""
        let model = try params.string("model_type").flatMap { $0.isEmpty ? nil : $0 } ?? UdioCatalog.defaultModel
        guard let seconds = UdioCatalog.songSeconds[model] else {
            let known = UdioCatalog.models.joined(separator: ", ")
            throw RelayError.unsupportedModel("gen_params.model_type: unknown model '\(model)'; expected one of \(known)")
        }
        if let seed = try params.int("seed"), seed < -1 {
            throw RelayError.invalidRequest("gen_params.seed: must be -1 (random) or a non-negative integer")
        }
        try checkUnitRanges(params)
        _ = try params.string("negative_prompt")
        _ = try params.bool("bypass_prompt_optimization")
        if lyricsType == "user" && lyrics.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw RelayError.invalidRequest("gen_params.lyrics: Field required when lyrics_type is user")
        }

        let (mode, source) = try extensionSource(params, completeSong: completeSong)
        if prompt.isEmpty && source == nil && (lyricsType != "user") {
            throw RelayError.invalidRequest("gen_params.prompt: Field required")
        }
        let sung: String
        switch lyricsType {
        case "instrumental": sung = ""
        case "user": sung = lyrics
        default: sung = EmulatorLyricsWriter.lyrics(about: prompt.isEmpty ? source?.plan.title : prompt)
        }
        let tags = prompt.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty }
        return UdioSongPlan(
            title: source?.plan.title ?? EmulatorLyricsWriter.title(from: prompt.isEmpty ? lyrics : prompt) ?? "Untitled",
            prompt: prompt,
            lyrics: sung,
            userTags: tags.isEmpty ? (source?.plan.userTags ?? []) : tags,
            model: model,
            // An extension is the source with the new part added before or after it.
            duration: (source?.plan.duration ?? 0) + seconds,
            mode: mode,
            sourceSongID: source?.id,
            notifyHook: notifyHook
        )
    }

    /// `config.mode` and the song of `config.source`: a `precede` or `continuation` needs a complete song of this
    /// emulator; a `regular` song may name none.
    private static func extensionSource(
        _ params: EmulatorJSONFields,
        completeSong: (String) throws -> UdioSong
    ) throws -> (mode: String, source: UdioSong?) {
        guard let config = try params.object("config") else { return ("regular", nil) }
        let mode = try choice(config, "mode", UdioCatalog.modes) ?? "regular"
        if let contextLength = try config.number("context_length"), contextLength < 0 {
            throw RelayError.invalidRequest("gen_params.config.context_length: must not be negative")
        }
        guard let sourceFields = try config.object("source") else {
            guard mode == "regular" else {
                throw RelayError.invalidRequest("gen_params.config.source: Field required for mode \(mode)")
            }
            return (mode, nil)
        }
        _ = try choice(sourceFields, "source_type", ["song"], required: true)
        guard let songID = try sourceFields.string("song_id"), !songID.isEmpty else {
            throw RelayError.invalidRequest("gen_params.config.source.song_id: Field required")
        }
        // A source with mode regular is Udio's "remix from": treated as a continuation of that song.
        return (mode == "regular" ? "continuation" : mode, try completeSong(songID))
    }

    /// 400 unless every share field present lies in 0...1, and each start is not after its end.
    private static func checkUnitRanges(_ params: EmulatorJSONFields) throws {
        var values: [String: Double] = [:]
        for key in UdioCatalog.unitFields {
            guard let value = try params.number(key) else { continue }
            guard (0...1).contains(value) else {
                throw RelayError.invalidRequest("gen_params.\(key): must be between 0 and 1")
            }
            values[key] = value
        }
        for (start, end) in [("song_section_start", "song_section_end"), ("lyrics_placement_start", "lyrics_placement_end")] {
            if let low = values[start], let high = values[end], low > high {
                throw RelayError.invalidRequest("gen_params.\(start): must not be after \(end)")
            }
        }
    }

    /// A string field limited to `allowed`, as a 400 `invalid_request` naming the choices.
    private static func choice(
        _ fields: EmulatorJSONFields,
        _ key: String,
        _ allowed: [String],
        required: Bool = false
    ) throws -> String? {
        guard let value = try fields.string(key), !value.isEmpty else {
            if required { throw RelayError.invalidRequest("\(fields.name(key)): Field required") }
            return nil
        }
        guard allowed.contains(value) else {
            let known = allowed.map { "'\($0)'" }.joined(separator: ", ")
            throw RelayError.invalidRequest("\(fields.name(key)): Input should be one of \(known)")
        }
        return value
    }
}
