/// A persona (a singer's style) made from clips; its id is a music request's `persona_id`.
struct SunoPersona: Sendable {
    /// Lowercase UUID.
    let id: String
    /// `name`.
    let name: String
    /// `description`.
    let description: String
    /// The clip the persona was made from.
    let rootClipID: String
    /// The clips of `persona_clips`, the root first.
    let clipIDs: [String]
    /// `is_public`.
    let isPublic: Bool

    /// The persona object, with `clips` resolved by the caller (the root first, then the others).
    func json(rootClip: EmulatorJSON, personaClips: [EmulatorJSON]) -> EmulatorJSON {
        .object([
            ("id", .string(id)),
            ("name", .string(name)),
            ("description", .string(description)),
            ("root_clip_id", .string(rootClipID)),
            ("clip", rootClip),
            ("persona_clips", .array(personaClips.map { .object([("clip", $0)]) })),
            ("is_public", .bool(isPublic)),
        ])
    }
}
