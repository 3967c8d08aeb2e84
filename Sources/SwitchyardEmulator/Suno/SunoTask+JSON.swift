/// Rendering of a task as the relay protocol's task object.
extension SunoTask {
    /// The task object at `now`.
    /// - Parameters:
    ///   - clips: the task's clips, in order (looked up by the caller).
    ///   - mediaBaseURL: where asset files are served, e.g. "http://127.0.0.1:PORT/media/suno".
    func json(
        at now: ContinuousClock.Instant,
        stepSeconds: Double,
        clips: [SunoClip],
        mediaBaseURL: String
    ) -> EmulatorJSON {
        let phase = timeline.phase(at: now, stepSeconds: stepSeconds)
        let currentStatus = status(at: now, stepSeconds: stepSeconds)
        let data: EmulatorJSON
        switch action {
        case .music:
            data = .array(clips.map { $0.json(at: now, stepSeconds: stepSeconds, mediaBaseURL: mediaBaseURL) })
        case .lyrics:
            data = currentStatus == .success ? (lyrics?.json ?? .null) : .null
        }
        return .object([
            ("task_id", .string(id)),
            ("notify_hook", .null),
            ("action", .string(action.rawValue)),
            ("status", .string(currentStatus.rawValue)),
            ("fail_reason", currentStatus == .failure ? .from(failReason) : .null),
            ("submit_time", .int(timeline.submitTime)),
            ("start_time", .from(timeline.startTime(in: phase, stepSeconds: stepSeconds))),
            ("finish_time", .from(timeline.finishTime(in: phase, stepSeconds: stepSeconds))),
            ("progress", .string(Self.progress(phase))),
            ("data", data),
        ])
    }

    /// `progress` in `phase`: "0%" until work starts, 10–89 % while in progress, "100%" when finished.
    private static func progress(_ phase: SunoTimeline.Phase) -> String {
        switch phase {
        case .submitted, .queued: return "0%"
        case .inProgress(let fraction): return "\(10 + Int(fraction * 80))%"
        case .finished: return "100%"
        }
    }
}
