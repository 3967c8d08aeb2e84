/// Joining an extended clip with the clips it was extended from into the whole song.
enum SunoConcat {
    /// The song of `POST /suno/submit/concat` for `source`.
    ///
    /// `concat_history` is the chain from the first clip to `source`, each `{id, continue_at}` where the next
    /// clip takes over (null for `source`, which plays to its end); the duration is the sum of those parts.
    /// - Throws: 400 `invalid_request` when `source` neither continues another clip nor is an infill.
    static func song(from source: SunoClip, isInfill: Bool, store: SunoEmulatorStore) throws -> SunoSong {
        guard source.song.continuation != nil || source.song.infill else {
            throw RelayError.invalidRequest("clip_id: clip \(source.id) is not an extension; there is nothing to join")
        }
        var chain: [EmulatorJSON] = [.object([("id", .string(source.id)), ("continue_at", .null)])]
        var duration = source.song.duration
        var current = source
        // Walk back through the continuations; the set guards against a cycle, which ids cannot form anyway.
        var seen: Set<String> = [source.id]
        while let link = current.song.continuation, !seen.contains(link.clipID), let parent = store.clip(link.clipID) {
            chain.insert(.object([("id", .string(parent.id)), ("continue_at", .double(link.continueAt))]), at: 0)
            duration += link.continueAt
            seen.insert(parent.id)
            current = parent
        }
        var song = source.song
        song.type = "concat"
        song.duration = duration
        song.continuation = nil
        song.extraHistory = []
        song.concatHistory = chain
        song.infill = isInfill
        song.infillRange = nil
        song.audioURL = nil
        return song
    }
}
