/// Rendering of a generation as the Luma API's Generation object.
extension EmulatorJob where Plan == LumaGenerationPlan {
    /// The Generation object at `now`: every key present, null where empty, in the documented order.
    /// - Parameter mediaBaseURL: where asset files are served, e.g. "http://127.0.0.1:PORT/media/luma".
    func json(at now: EmulatorInstant, stepSeconds: Double, mediaBaseURL: String) -> EmulatorJSON {
        let currentState = state(at: now, stepSeconds: stepSeconds)
        return .object([
            ("id", .string(id)),
            ("generation_type", .string(kind.rawValue)),
            ("state", .string(currentState.rawValue)),
            ("failure_reason", currentState == .failed ? .string(LumaCatalog.emulatedFailureReason) : .null),
            ("created_at", .string(createdAt)),
            ("assets", currentState == .completed ? assets(mediaBaseURL: mediaBaseURL) : .null),
            ("model", .string(model)),
            ("request", request),
            ("version", .null),
        ])
    }

    /// The assets of a completed generation; file names follow the id so the media route needs no lookup.
    private func assets(mediaBaseURL: String) -> EmulatorJSON {
        let base = "\(mediaBaseURL)/\(id)"
        guard kind.producesVideo else {
            return .object([("image", .string("\(base).\(imageExtension)"))])
        }
        return .object([
            ("video", .string("\(base).mp4")),
            ("image", .string("\(base).jpg")),
            ("progress_video", .string("\(base)_progress.mp4")),
        ])
    }
}
