/// Luma family settings: which models exist and which one a request without `model` gets.
public struct LumaSettings: Sendable, Equatable {
    public var defaultVideoModel = "ray-2"
    public var defaultImageModel = "photon-1"
    public var videoModels = ["ray-2", "ray-flash-2", "ray-1-6"]
    public var imageModels = ["photon-1", "photon-flash-1"]

    public init() {}
}
