/// Rendering of a clip as the Suno clip object.
extension SunoClip {
    /// The clip object at `now`: every key present, as Suno sends it ("" for media not there yet, null for
    /// images and duration before they exist).
    /// - Parameter mediaBaseURL: where asset files are served, e.g. "http://127.0.0.1:PORT/media/suno".
    func json(at now: EmulatorInstant, stepSeconds: Double, mediaBaseURL: String) -> EmulatorJSON {
        let currentStatus = status(at: now, stepSeconds: stepSeconds)
        let base = "\(mediaBaseURL)/\(id)"
        let hasImages = currentStatus == .streaming || currentStatus == .complete
        let audioURL: String
        switch currentStatus {
        case .complete: audioURL = song.audioURL ?? "\(base).mp3"
        case .streaming: audioURL = "\(base)_partial.mp3"
        case .submitted, .queued, .error: audioURL = ""
        }
        return .object([
            ("id", .string(id)),
            ("title", .string(song.title)),
            ("status", .string(currentStatus.rawValue)),
            ("audio_url", .string(audioURL)),
            ("video_url", .string(currentStatus == .complete ? "\(base).mp4" : "")),
            ("image_url", hasImages ? .string("\(base).jpg") : .null),
            ("image_large_url", hasImages ? .string("\(base)_large.jpg") : .null),
            ("is_video_pending", .bool(currentStatus == .streaming)),
            ("model_name", .string(song.modelName)),
            ("major_model_version", .string(song.majorModelVersion)),
            ("metadata", metadata(currentStatus)),
            ("created_at", .string(createdAt)),
            ("is_public", .bool(false)),
            ("play_count", .int(0)),
            ("upvote_count", .int(0)),
        ])
    }

    /// `video_url` of the clip once complete (the answer of `act/mp4`).
    func videoURL(mediaBaseURL: String) -> String {
        "\(mediaBaseURL)/\(id).mp4"
    }

    /// URL of the clip as WAV (the answer of `act/wav`).
    func wavURL(mediaBaseURL: String) -> String {
        "\(mediaBaseURL)/\(id).wav"
    }

    /// The `metadata` object in `currentStatus`.
    private func metadata(_ currentStatus: SunoClipStatus) -> EmulatorJSON {
        let failed = currentStatus == .error
        return .object([
            ("tags", .string(song.tags)),
            ("negative_tags", .string(song.negativeTags)),
            ("prompt", .string(song.prompt)),
            ("gpt_description_prompt", .from(song.gptDescriptionPrompt)),
            ("type", .string(song.type)),
            ("duration", currentStatus == .complete ? .double(song.duration) : .null),
            ("history", history),
            ("concat_history", song.concatHistory.map { .array($0) } ?? .null),
            ("infill", .bool(song.infill)),
            ("cover_clip_id", .from(song.coverClipID)),
            ("persona_id", .from(song.personaID)),
            ("stem_from_id", .from(song.stemFromID)),
            ("has_vocal", .bool(!song.makeInstrumental)),
            ("make_instrumental", .bool(song.makeInstrumental)),
            ("error_type", failed ? .string(SunoCatalog.clipErrorType) : .null),
            ("error_message", failed ? .string(SunoCatalog.clipErrorMessage) : .null),
            ("stream", .bool(true)),
        ])
    }

    /// `metadata.history`: the continued clip first, then cover or infill sources; null when there are none.
    private var history: EmulatorJSON {
        var entries: [EmulatorJSON] = []
        if let continuation = song.continuation {
            entries.append(
                .object([
                    ("id", .string(continuation.clipID)),
                    ("continue_at", .double(continuation.continueAt)),
                    ("type", .string(continuation.sourceType)),
                    ("source", .string("web")),
                    ("infill", .bool(false)),
                ]))
        }
        entries += song.extraHistory
        return entries.isEmpty ? .null : .array(entries)
    }
}
