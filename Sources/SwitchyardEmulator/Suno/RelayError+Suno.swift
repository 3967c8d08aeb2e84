/// The relay errors only Suno's routes answer: clips that are missing, unfinished or of another model.
extension RelayError {
    /// 400 `clip_not_found`: a request body names a clip (or persona) this upstream does not have.
    static func referencedClipNotFound(_ field: String, _ id: String) -> RelayError {
        RelayError(status: .badRequest, code: "clip_not_found", message: "\(field): clip \(id) not found")
    }

    /// 404 `clip_not_found`: the path names a clip this upstream does not have.
    static func clipNotFound(_ id: String) -> RelayError {
        RelayError(status: .notFound, code: "clip_not_found", message: "clip \(id) not found")
    }

    /// 400 `clip_not_complete`: the clip exists but is still generating or ended in error.
    static func clipNotComplete(_ id: String) -> RelayError {
        RelayError(status: .badRequest, code: "clip_not_complete", message: "clip \(id) is not complete")
    }

    /// 400 `model_mismatch`: a continuation asked for another model than its source clip's.
    static func modelMismatch(source: String, requested: String) -> RelayError {
        RelayError(
            status: .badRequest,
            code: "model_mismatch",
            message: "mv \(requested) does not match the source clip's model \(source)"
        )
    }
}
