/// One song held by the Udio emulator: the shared plan of its task, which output of the task it is, and how it
/// ends.
struct UdioSong: Sendable {
    /// Lowercase UUID.
    let id: String
    /// The task (generation) that makes it: `generation_id`.
    let taskID: String
    /// The bearer key that submitted the task; `query` answers only its caller's songs.
    let ownerKey: String
    /// What the song is.
    let plan: UdioSongPlan
    /// The task's timeline.
    let timeline: EmulatorTimeline
    /// True when the song ends in error (the `fail` and `partial` faults).
    let endsInError: Bool

    /// True once the song is finished and playable at `now`.
    func isComplete(at now: EmulatorInstant, stepSeconds: Double) -> Bool {
        timeline.phase(at: now, stepSeconds: stepSeconds) == .finished && !endsInError
    }

    /// The song object at `now`: every key present, as Udio sends it ("" for media not there yet, null error
    /// fields unless it failed, neutral counters).
    /// - Parameter mediaBaseURL: where asset files are served, e.g. "http://127.0.0.1:PORT/media/udio".
    func json(at now: EmulatorInstant, stepSeconds: Double, mediaBaseURL: String) -> EmulatorJSON {
        let phase = timeline.phase(at: now, stepSeconds: stepSeconds)
        let finished = phase == .finished
        let failed = finished && endsInError
        let playable = finished && !endsInError
        let started: Bool
        if case .waiting = phase { started = false } else { started = true }
        let base = "\(mediaBaseURL)/\(id)"
        return .object([
            ("id", .string(id)),
            ("generation_id", .string(taskID)),
            ("title", .string(plan.title)),
            ("artist", .string(UdioCatalog.artist)),
            ("artist_id", .string(UdioCatalog.artist)),
            ("tags", .array(plan.userTags.map { .string($0) })),
            ("user_tags", .array(plan.userTags.map { .string($0) })),
            ("lyrics", .string(plan.lyrics)),
            ("prompt", .string(plan.prompt)),
            ("model_type", .string(plan.model)),
            ("duration", .double(plan.duration)),
            ("finished", .bool(finished)),
            ("song_path", .string(playable ? "\(base).mp3" : "")),
            ("image_path", .string(started && !failed ? "\(base).jpg" : "")),
            ("video_path", .string(playable ? "\(base).mp4" : "")),
            ("created_at", .string(EmulatorTimestamp.iso8601Milliseconds(timeline.submittedAt))),
            ("error_code", failed ? .string(UdioCatalog.songErrorCode) : .null),
            ("error_type", failed ? .string(UdioCatalog.songErrorType) : .null),
            ("error_detail", failed ? .string(UdioCatalog.songErrorDetail) : .null),
            ("extension_mode", .string(plan.mode)),
            ("source_song_id", .from(plan.sourceSongID)),
            ("liked", .bool(false)),
            ("disliked", .bool(false)),
            ("likes", .int(0)),
            ("dislikes", .int(0)),
            ("plays", .int(0)),
            ("publishable", .bool(false)),
            ("published_at", .null),
            ("is_public", .bool(false)),
        ])
    }
}
