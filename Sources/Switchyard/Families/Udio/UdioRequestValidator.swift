/// Validates `POST /udio/submit/music` bodies (`{"gen_params": {...}, "notify_hook"}`) against the catalog and
/// builds the call to run; every problem is a 400 naming the field, before anything is held.
struct UdioRequestValidator: Sendable {
    let settings: UdioSettings
    let callbackPolicy: CallbackTargetPolicy

    static let lyricsTypes = ["generate", "user", "instrumental"]
    /// `config.mode`: a new song, an extension before the source, or one after it.
    static let modes = ["regular", "precede", "continuation"]
    /// Fields of `gen_params` that take a share between 0 and 1.
    static let unitFields = [
        "song_section_start", "song_section_end", "lyrics_placement_start", "lyrics_placement_end", "prompt_strength",
        "clarity_strength", "lyrics_strength", "generation_quality",
    ]

    /// The generate call; a source song is a reference the engine translates into the upstream's id, pinning the
    /// call to the channel that made the song.
    func generate(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let callbackURL = try callback(fields)
        guard let params = try fields.object("gen_params", required: true) else { throw GatewayError.validation(field: "gen_params", "is required") }
        let prompt = try params.string("prompt", maxLength: 5_000) ?? ""
        let lyrics = try params.string("lyrics", maxLength: 10_000) ?? ""
        let lyricsType = try params.string("lyrics_type", allowed: Self.lyricsTypes) ?? "generate"
        let model = try params.string("model_type", allowed: settings.models) ?? settings.defaultModel
        let seed = try params.int("seed", range: -1...Int(UInt32.max))
        let negativePrompt = try params.string("negative_prompt", maxLength: 2_000)
        let bypass = try params.bool("bypass_prompt_optimization")

        var upstream: JSONObject = ["model_type": .string(model), "lyrics_type": .string(lyricsType)]
        if !prompt.isEmpty { upstream["prompt"] = .string(prompt) }
        if !lyrics.isEmpty { upstream["lyrics"] = .string(lyrics) }
        if let seed { upstream["seed"] = .int(seed) }
        if let negativePrompt { upstream["negative_prompt"] = .string(negativePrompt) }
        if let bypass { upstream["bypass_prompt_optimization"] = .bool(bypass) }
        try shares(params, into: &upstream)

        if lyricsType == "user", lyrics.allSatisfy(\.isWhitespace) {
            throw GatewayError.validation(field: "gen_params.lyrics", "is required when lyrics_type is user")
        }
        let (config, sourceSongID) = try configuration(params)
        if let config { upstream["config"] = .object(config) }
        if prompt.isEmpty, sourceSongID == nil, lyricsType != "user" {
            throw GatewayError.validation(field: "gen_params.prompt", "is required for a new song")
        }
        var call = TaskCall(
            action: UdioFamily.generateAction, model: model, request: body, path: "/udio/submit/music",
            upstreamBody: ["gen_params": .object(upstream)])
        call.callbackURL = callbackURL
        if let sourceSongID {
            call.references.append(
                .init(
                    kind: UdioFamily.songKind, id: sourceSongID, slot: .nested(["gen_params", "config", "source", "song_id"]),
                    notFound: .notFound("Song \(sourceSongID)")))
        }
        return call
    }

    /// The 0–1 shares, each start not after its end.
    private func shares(_ params: JSONFieldReader, into upstream: inout JSONObject) throws {
        var values: [String: Double] = [:]
        for key in Self.unitFields {
            guard let value = try params.number(key, range: 0...1) else { continue }
            values[key] = value
            upstream[key] = .number(value)
        }
        for (start, end) in [("song_section_start", "song_section_end"), ("lyrics_placement_start", "lyrics_placement_end")] {
            if let low = values[start], let high = values[end], low > high {
                throw GatewayError.validation(field: "gen_params.\(start)", "must not be after \(end)")
            }
        }
    }

    /// `config` for the upstream and the caller's song it extends: `precede` and `continuation` need one.
    private func configuration(_ params: JSONFieldReader) throws -> (JSONObject?, String?) {
        guard let config = try params.object("config") else { return (nil, nil) }
        let mode = try config.string("mode", allowed: Self.modes) ?? "regular"
        var upstream: JSONObject = ["mode": .string(mode)]
        if let contextLength = try config.number("context_length", range: 0...3_600) { upstream["context_length"] = .number(contextLength) }
        guard let source = try config.object("source") else {
            guard mode == "regular" else { throw GatewayError.validation(field: "gen_params.config.source", "is required for mode \(mode)") }
            return (upstream, nil)
        }
        let sourceType = try source.string("source_type", required: true, allowed: ["song"]) ?? "song"
        let songID = try source.string("song_id", required: true, maxLength: 100) ?? ""
        upstream["source"] = .object(["source_type": .string(sourceType), "song_id": .string(songID)])
        return (upstream, songID)
    }

    private func callback(_ fields: JSONFieldReader) throws -> String? {
        guard let url = try fields.string("notify_hook", maxLength: 2_048), !url.isEmpty else { return nil }
        _ = try callbackPolicy.checkForm(url, field: "notify_hook")
        return url
    }
}
