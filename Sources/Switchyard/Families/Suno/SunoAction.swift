/// What a Suno call does; also its price name.
public enum SunoAction: String, Sendable, CaseIterable {
    case music, lyrics, extend, cover, infill, concat, persona, stems, timing, wav, mp4, upload

    /// Calls the upstream answers at once (no task to poll).
    var isSynchronous: Bool {
        switch self {
        case .persona, .stems, .timing, .wav, .mp4, .upload: true
        case .music, .lyrics, .extend, .cover, .infill, .concat: false
        }
    }

    /// The `action` word of the task object.
    var taskAction: String {
        switch self {
        case .lyrics: "LYRICS"
        case .music, .extend, .cover, .infill, .concat, .stems: "MUSIC"
        default: rawValue.uppercased()
        }
    }
}
