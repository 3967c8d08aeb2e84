/// Each Ideogram call: the action it is priced and recorded as, and its path upstream (`https://api.ideogram.ai`).
enum IdeogramAction: String, Sendable, CaseIterable {
    case generate, remix, edit, upscale, describe, reframe
    case replaceBackground = "replace_background"

    /// The legacy route of the action (`/generate`, …); nil for the 3.0-only ones.
    var legacyPath: String? {
        switch self {
        case .generate, .remix, .edit, .upscale, .describe: "/" + rawValue
        case .reframe, .replaceBackground: nil
        }
    }

    /// The action's 3.0 route segment (`/v1/ideogram-v3/<segment>`); nil for those 3.0 does not have.
    var version3Segment: String? {
        switch self {
        case .generate, .remix, .edit, .reframe: rawValue
        case .replaceBackground: "replace-background"
        case .upscale, .describe: nil
        }
    }

    /// The 3.0 routes under this prefix, upstream and for customers (after `/ideogram`).
    static let version3Prefix = "/v1/ideogram-v3/"

    /// The actions of the 3.0 routes.
    static var version3: [IdeogramAction] { allCases.filter { $0.version3Segment != nil } }
}
