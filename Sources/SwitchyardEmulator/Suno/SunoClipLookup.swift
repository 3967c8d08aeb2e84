/// Resolves the clips and personas a request refers to, with the errors the relay protocol gives.
struct SunoClipLookup: Sendable {
    /// Where clips and personas are held.
    let store: SunoEmulatorStore
    /// The instance's runtime, whose clock and step tell whether a clip is complete.
    let runtime: EmulatorRuntime

    /// The clip named by body field `field`: 400 `clip_not_found` when unknown, 400 `clip_not_complete` when it
    /// is still generating or ended in error.
    func completeClip(_ id: String, field: String) throws -> SunoClip {
        guard let clip = store.clip(id) else { throw RelayError.referencedClipNotFound(field, id) }
        return try complete(clip)
    }

    /// The clip named in the request path: 404 `clip_not_found` when unknown, 400 `clip_not_complete` when it
    /// is still generating or ended in error.
    func completeClip(inPath id: String) throws -> SunoClip {
        guard let clip = store.clip(id) else { throw RelayError.clipNotFound(id) }
        return try complete(clip)
    }

    /// The persona named by body field `field`: 400 `clip_not_found` when unknown (personas are addressed like
    /// clips).
    func persona(_ id: String, field: String) throws -> SunoPersona {
        guard let persona = store.persona(id) else {
            throw RelayError(status: .badRequest, code: "clip_not_found", message: "\(field): persona \(id) not found")
        }
        return persona
    }

    /// `clip` when it is complete now.
    private func complete(_ clip: SunoClip) throws -> SunoClip {
        guard clip.status(at: runtime.clock.now, stepSeconds: runtime.stepSeconds) == .complete else {
            throw RelayError.clipNotComplete(clip.id)
        }
        return clip
    }
}
