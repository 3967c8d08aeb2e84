/// The Suno emulator's in-memory tasks, clips and personas, on the kit's record stores.
final class SunoEmulatorStore: Sendable {
    /// Tasks by id.
    private let tasks = EmulatorRecordStore<SunoTask>()
    /// Clips by id.
    private let clipRecords = EmulatorRecordStore<SunoClip>()
    /// Personas by id.
    private let personas = EmulatorRecordStore<SunoPersona>()
    /// The instance's emulated time.
    private let clock: EmulatorClock

    /// Creates an empty store whose timelines follow `clock`.
    init(clock: EmulatorClock) {
        self.clock = clock
    }

    /// Stores a task submitted now for `plan` and its clips, and returns it.
    /// - Parameter fault: `fail` makes every output fail; `partial` makes the first clip complete and the others
    ///   fail (with a single output it acts as `fail`); other faults are ignored.
    func submit(_ plan: SunoTaskPlan, fault: EmulatorFault?) -> SunoTask {
        let timeline = EmulatorTimeline.starting(on: clock)
        let outcome = EmulatorJobOutcome(fault: fault)
        let failReason: String?
        switch outcome {
        case .fails: failReason = SunoCatalog.emulatedFailureReason
        case .partiallyFails where plan.songs.count > 1: failReason = SunoCatalog.partialFailureReason
        case .partiallyFails: failReason = SunoCatalog.emulatedFailureReason
        case .succeeds, .cancelsLate: failReason = nil
        }
        let clips = plan.songs.enumerated().map { index, song in
            SunoClip(
                id: EmulatorIdentifier.uuid(), song: song, timeline: timeline,
                endsInError: outcome.outputFails(index, of: plan.songs.count))
        }
        let task = SunoTask(
            id: EmulatorIdentifier.uuid(),
            action: plan.action,
            timeline: timeline,
            clipIDs: clips.map(\.id),
            lyrics: plan.action == .lyrics && failReason == nil
                ? SunoLyrics(prompt: plan.lyricsPrompt, id: EmulatorIdentifier.uuid()) : nil,
            failReason: failReason
        )
        // Clips first, so a reader who sees the task finds its clips.
        clipRecords.insert(clips, id: \.id)
        tasks.insert(task, id: task.id)
        return task
    }

    /// Stores clips that exist complete from now on (uploads, stems) and returns them.
    func addFinishedClips(_ songs: [SunoSong]) -> [SunoClip] {
        let timeline = EmulatorTimeline.starting(on: clock, finished: true)
        let clips = songs.map { SunoClip(id: EmulatorIdentifier.uuid(), song: $0, timeline: timeline, endsInError: false) }
        clipRecords.insert(clips, id: \.id)
        return clips
    }

    /// Stores a new persona and returns it.
    func addPersona(
        name: String,
        description: String,
        rootClipID: String,
        clipIDs: [String],
        isPublic: Bool
    ) -> SunoPersona {
        let persona = SunoPersona(
            id: EmulatorIdentifier.uuid(),
            name: name,
            description: description,
            rootClipID: rootClipID,
            clipIDs: clipIDs,
            isPublic: isPublic
        )
        personas.insert(persona, id: persona.id)
        return persona
    }

    /// The task with `id`, nil when unknown.
    func task(_ id: String) -> SunoTask? {
        tasks.record(id)
    }

    /// The clip with `id`, nil when unknown.
    func clip(_ id: String) -> SunoClip? {
        clipRecords.record(id)
    }

    /// The clips with `ids` that exist, in the order asked.
    func clips(_ ids: [String]) -> [SunoClip] {
        clipRecords.records(ids)
    }

    /// The persona with `id`, nil when unknown.
    func persona(_ id: String) -> SunoPersona? {
        personas.record(id)
    }
}
