/// The relay protocol's task object, the same for every relay family: `{"task_id","notify_hook","action",
/// "status","fail_reason","submit_time","start_time","finish_time","progress","data"}`.
struct RelayTaskObject: Sendable {
    /// The task's id.
    let id: String
    /// `action`, e.g. "MUSIC" (Suno) or "udio-generate" (Udio).
    let action: String
    /// `notify_hook` as submitted, nil when none.
    let notifyHook: String?
    /// When it was submitted.
    let timeline: EmulatorTimeline
    /// `fail_reason` when the task ends `FAILURE`; nil when it ends `SUCCESS`.
    let failReason: String?

    /// The task object at `now`, with `data` the family's result as it stands.
    func json(at now: EmulatorInstant, stepSeconds: Double, data: EmulatorJSON) -> EmulatorJSON {
        let phase = timeline.phase(at: now, stepSeconds: stepSeconds)
        let status = RelayTaskStatus(phase, fails: failReason != nil)
        return .object([
            ("task_id", .string(id)),
            ("notify_hook", .from(notifyHook)),
            ("action", .string(action)),
            ("status", .string(status.rawValue)),
            ("fail_reason", status == .failure ? .from(failReason) : .null),
            ("submit_time", .int(timeline.submitTime)),
            ("start_time", .from(timeline.startTime(in: phase, stepSeconds: stepSeconds))),
            ("finish_time", .from(timeline.finishTime(in: phase, stepSeconds: stepSeconds))),
            ("progress", .string(Self.progress(phase))),
            ("data", data),
        ])
    }

    /// `progress` in `phase`: "0%" until work starts, 10–89 % while working, "100%" when finished.
    static func progress(_ phase: EmulatorTimeline.Phase) -> String {
        switch phase {
        case .waiting: return "0%"
        case .working(let fraction): return "\(10 + Int(fraction * 80))%"
        case .finished: return "100%"
        }
    }
}
