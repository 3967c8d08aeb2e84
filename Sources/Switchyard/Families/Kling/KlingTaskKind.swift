/// The kinds of Kling task, each with its create path under `/v1/` (where its tasks are also read and listed)
/// and the action word that prices it.
enum KlingTaskKind: String, CaseIterable, Sendable {
    case text2video
    case image2video
    case videoExtend = "video_extend"
    case lipSync = "lip_sync"
    case effects
    case image
    case virtualTryOn = "virtual_try_on"

    /// The path under `/v1/` (upstream) and `/kling/v1/` (customers).
    var path: String {
        switch self {
        case .text2video: "videos/text2video"
        case .image2video: "videos/image2video"
        case .videoExtend: "videos/video-extend"
        case .lipSync: "videos/lip-sync"
        case .effects: "videos/effects"
        case .image: "images/generations"
        case .virtualTryOn: "images/kolors-virtual-try-on"
        }
    }

    /// The task's action in records and prices.
    var action: String { rawValue }

    /// The kind of a stored task's action.
    init?(action: String) {
        self.init(rawValue: action)
    }
}
