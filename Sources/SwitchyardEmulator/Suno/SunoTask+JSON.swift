/// Rendering of a task as the relay protocol's task object.
extension SunoTask {
    /// The task object at `now`.
    /// - Parameters:
    ///   - clips: the task's clips, in order (looked up by the caller).
    ///   - mediaBaseURL: where asset files are served, e.g. "http://127.0.0.1:PORT/media/suno".
    func json(
        at now: EmulatorInstant,
        stepSeconds: Double,
        clips: [SunoClip],
        mediaBaseURL: String
    ) -> EmulatorJSON {
        let data: EmulatorJSON
        switch action {
        case .music:
            data = .array(clips.map { $0.json(at: now, stepSeconds: stepSeconds, mediaBaseURL: mediaBaseURL) })
        case .lyrics:
            data = status(at: now, stepSeconds: stepSeconds) == .success ? (lyrics?.json ?? .null) : .null
        }
        let object = RelayTaskObject(
            id: id, action: action.rawValue, notifyHook: nil, timeline: timeline, failReason: failReason)
        return object.json(at: now, stepSeconds: stepSeconds, data: data)
    }
}
