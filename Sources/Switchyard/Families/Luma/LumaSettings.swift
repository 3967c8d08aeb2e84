/// Luma family settings: which models exist and which one a request without `model` gets.
public struct LumaSettings: Sendable, Equatable {
    public var defaultVideoModel = "ray-2"
    public var defaultImageModel = "photon-1"
    public var videoModels = ["ray-2", "ray-flash-2", "ray-1-6"]
    public var imageModels = ["photon-1", "photon-flash-1"]

    public init() {}
}

extension LumaSettings {
    /// The configuration keys Luma reads.
    static let keys = ["luma.default_video_model", "luma.default_image_model"]

    /// The defaults, with the operator's `luma.*` keys applied.
    init(_ settings: FamilySettings) {
        self.init()
        defaultVideoModel = settings["luma.default_video_model"] ?? defaultVideoModel
        defaultImageModel = settings["luma.default_image_model"] ?? defaultImageModel
    }
}
