/// Validation of `POST /suno/submit/music`: new songs, extensions, covers, section replacement (infill),
/// upload extensions, persona songs and stems, chosen by `task`.
struct SunoMusicRequest {
    /// The body's fields that every kind of music request shares.
    private let prompt: String
    private let description: String?
    private let requestedModel: String?
    private let title: String?
    private let tags: String?
    private let negativeTags: String
    private let instrumental: Bool
    private let personaID: String?
    /// The request body, for the fields of one `task`.
    private let body: EmulatorJSONFields
    /// Resolves referenced clips and personas.
    private let lookup: SunoClipLookup

    /// Validates `body` and plans the task (two clips).
    /// - Throws: `RelayError` (400 `invalid_request`, `unsupported_model`, `clip_not_found`, `clip_not_complete`,
    ///   `model_mismatch`) or `EmulatorHTTPError` for a field of the wrong type.
    static func plan(_ body: EmulatorJSONFields, lookup: SunoClipLookup) throws -> SunoTaskPlan {
        try SunoMusicRequest(body, lookup: lookup).plan()
    }

    /// Reads the shared fields.
    private init(_ body: EmulatorJSONFields, lookup: SunoClipLookup) throws {
        self.body = body
        self.lookup = lookup
        prompt = try body.string("prompt") ?? ""
        description = try body.string("gpt_description_prompt").flatMap { $0.isEmpty ? nil : $0 }
        requestedModel = try body.string("mv").flatMap { $0.isEmpty ? nil : $0 }
        if let requestedModel, SunoCatalog.majorVersions[requestedModel] == nil {
            let known = SunoCatalog.models.joined(separator: ", ")
            throw RelayError.unsupportedModel("mv: unknown model '\(requestedModel)'; expected one of \(known)")
        }
        title = try body.string("title").flatMap { $0.isEmpty ? nil : $0 }
        tags = try body.string("tags")
        negativeTags = try body.string("negative_tags") ?? ""
        instrumental = try body.bool("make_instrumental") ?? false
        personaID = try body.string("persona_id").flatMap { $0.isEmpty ? nil : $0 }
        // Read for their types only: generation_type is always TEXT, and the gateway polls instead of hooks.
        _ = try body.string("generation_type")
        _ = try body.string("notify_hook")
        if let personaID { _ = try lookup.persona(personaID, field: "persona_id") }
    }

    /// The plan for the request's `task`.
    private func plan() throws -> SunoTaskPlan {
        let task = try body.string("task").flatMap { $0.isEmpty ? nil : $0 }
        if let task, !SunoCatalog.musicTasks.contains(task) {
            let known = SunoCatalog.musicTasks.map { "'\($0)'" }.joined(separator: ", ")
            throw RelayError.invalidRequest("task: Input should be absent or one of \(known)")
        }
        // Older clients extend by naming the clip alone, without `task`.
        let continueClipID = try body.string("continue_clip_id").flatMap { $0.isEmpty ? nil : $0 }
        switch task ?? (continueClipID == nil ? nil : "extend") {
        case "extend": return musicPlan(try extensionSong(fromUpload: false))
        case "upload_extend": return musicPlan(try extensionSong(fromUpload: true))
        case "cover": return musicPlan(try coverSong())
        case "infill": return musicPlan(try infillSong())
        case "gen_stem":
            let source = try lookup.completeClip(try required("continue_clip_id"), field: "continue_clip_id")
            return SunoTaskPlan(action: .music, songs: try SunoStems.songs(from: source))
        default: return musicPlan(try newSong())
        }
    }

    /// A music task whose two clips share `song`.
    private func musicPlan(_ song: SunoSong) -> SunoTaskPlan {
        SunoTaskPlan(action: .music, songs: [song, song])
    }

    /// A new song from lyrics, a description or a style.
    private func newSong() throws -> SunoSong {
        if prompt.isEmpty && description == nil && (tags ?? "").isEmpty && !instrumental {
            throw RelayError.invalidRequest("prompt: lyrics, gpt_description_prompt or tags are required")
        }
        let model = requestedModel ?? SunoCatalog.defaultModel
        return song(
            title: title ?? EmulatorLyricsWriter.title(from: description ?? prompt) ?? "Untitled",
            model: model,
            tags: tags ?? "",
            lyrics: sungLyrics(fallback: ""),
            duration: SunoCatalog.clipDuration
        )
    }

    /// An extension of `continue_clip_id` from `continue_at`; an upload extension continues an uploaded clip.
    private func extensionSong(fromUpload: Bool) throws -> SunoSong {
        let source = try lookup.completeClip(try required("continue_clip_id"), field: "continue_clip_id")
        let isUpload = source.song.type == "upload"
        if fromUpload && !isUpload {
            throw RelayError.invalidRequest("continue_clip_id: clip \(source.id) is not an upload; use task extend")
        }
        if !fromUpload && isUpload {
            throw RelayError.invalidRequest("continue_clip_id: clip \(source.id) is an upload; use task upload_extend")
        }
        guard let continueAt = try body.number("continue_at") else {
            throw RelayError.invalidRequest("continue_at: Field required")
        }
        guard continueAt > 0, continueAt <= source.song.duration else {
            throw RelayError.invalidRequest(
                "continue_at: must be greater than 0 and at most the clip's duration \(source.song.duration)")
        }
        // An uploaded clip has no generation model to keep; a generated one must be extended by its own model.
        let model = fromUpload ? (requestedModel ?? SunoCatalog.defaultModel) : try sameModel(as: source)
        var extended = song(
            title: title ?? source.song.title,
            model: model,
            tags: tags ?? source.song.tags,
            lyrics: sungLyrics(fallback: ""),
            duration: SunoCatalog.clipDuration
        )
        extended.continuation = SunoContinuation(
            clipID: source.id, continueAt: continueAt, sourceType: source.song.type)
        return extended
    }

    /// A cover of `cover_clip_id`: the same song in another style, by any model.
    private func coverSong() throws -> SunoSong {
        let source = try lookup.completeClip(try required("cover_clip_id"), field: "cover_clip_id")
        var cover = song(
            title: title ?? source.song.title,
            model: requestedModel ?? SunoCatalog.defaultModel,
            tags: tags ?? source.song.tags,
            lyrics: sungLyrics(fallback: source.song.prompt),
            duration: source.song.duration
        )
        cover.coverClipID = source.id
        cover.extraHistory = [historyEntry(source, continueAt: nil, infill: false)]
        return cover
    }

    /// `continue_clip_id` with the section `infill_start_s`..`infill_end_s` sung anew.
    private func infillSong() throws -> SunoSong {
        let source = try lookup.completeClip(try required("continue_clip_id"), field: "continue_clip_id")
        guard let start = try body.number("infill_start_s") else {
            throw RelayError.invalidRequest("infill_start_s: Field required")
        }
        guard let end = try body.number("infill_end_s") else {
            throw RelayError.invalidRequest("infill_end_s: Field required")
        }
        guard start >= 0, start < end, end <= source.song.duration else {
            throw RelayError.invalidRequest(
                "infill_start_s, infill_end_s: need 0 <= start < end <= the clip's duration \(source.song.duration)")
        }
        var infilled = song(
            title: title ?? source.song.title,
            model: try sameModel(as: source),
            tags: tags ?? source.song.tags,
            lyrics: sungLyrics(fallback: source.song.prompt),
            duration: source.song.duration
        )
        infilled.infill = true
        infilled.infillRange = start...end
        var entry = historyEntry(source, continueAt: start, infill: true)
        if case .object(let members) = entry {
            entry = .object(members + [("infill_start_s", .double(start)), ("infill_end_s", .double(end))])
        }
        infilled.extraHistory = [entry]
        return infilled
    }

    /// The model of a continuation of `source`: `mv` when given must equal the source's model.
    private func sameModel(as source: SunoClip) throws -> String {
        let model = requestedModel ?? source.song.modelName
        guard model == source.song.modelName else {
            throw RelayError.modelMismatch(source: source.song.modelName, requested: model)
        }
        return model
    }

    /// The lyrics sung: the prompt when given, else lyrics written from the description (inspiration mode),
    /// else `fallback`; none for an instrumental.
    private func sungLyrics(fallback: String) -> String {
        if instrumental { return "" }
        if !prompt.isEmpty { return prompt }
        if let description { return EmulatorLyricsWriter.lyrics(about: description) }
        return fallback
    }

    /// A song with the request's shared fields and the given specifics.
    private func song(title: String, model: String, tags: String, lyrics: String, duration: Double) -> SunoSong {
        SunoSong(
            title: title,
            modelName: model,
            majorModelVersion: SunoCatalog.majorVersion(of: model),
            type: "gen",
            tags: tags,
            negativeTags: negativeTags,
            prompt: lyrics,
            gptDescriptionPrompt: description,
            duration: duration,
            makeInstrumental: instrumental,
            personaID: personaID
        )
    }

    /// A `metadata.history` entry naming `source`.
    private func historyEntry(_ source: SunoClip, continueAt: Double?, infill: Bool) -> EmulatorJSON {
        .object([
            ("id", .string(source.id)),
            ("continue_at", .from(continueAt)),
            ("type", .string(source.song.type)),
            ("source", .string("web")),
            ("infill", .bool(infill)),
        ])
    }

    /// A string field the chosen `task` needs: 400 `invalid_request` when absent or empty.
    private func required(_ key: String) throws -> String {
        guard let value = try body.string(key), !value.isEmpty else {
            throw RelayError.invalidRequest("\(key): Field required")
        }
        return value
    }
}
