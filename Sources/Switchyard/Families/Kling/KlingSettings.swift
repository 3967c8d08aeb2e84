/// Kling's models and choices as data: what each route accepts and what a request without them gets.
public struct KlingSettings: Sendable, Equatable {
    /// The video models (`model_name` of text2video and image2video).
    public var videoModels = [
        "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo",
    ]
    /// The model of a video request that names none.
    public var defaultVideoModel = "kling-v1"
    /// The image models (`model_name` of images/generations).
    public var imageModels = ["kling-v1", "kling-v1-5", "kling-v2"]
    /// The virtual try-on models.
    public var tryOnModels = ["kolors-virtual-try-on-v1", "kolors-virtual-try-on-v1-5"]
    /// The model lip-sync tasks are routed and priced by (the call names none).
    public var lipSyncModel = "kling-lip-sync"
    /// The model of an effects task that names none (`input.model_name`).
    public var defaultEffectsModel = "kling-v1-6"

    public init() {}

    /// Every model a Kling channel serves.
    public var allModels: [String] {
        var seen = Set<String>()
        return (videoModels + imageModels + tryOnModels + [lipSyncModel]).filter { seen.insert($0).inserted }
    }

    static let modes = ["std", "pro"]
    static let durations = ["5", "10"]
    static let videoAspectRatios = ["16:9", "9:16", "1:1"]
    static let imageAspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"]
    static let cameraTypes = ["simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward"]
    static let cameraAxes = ["horizontal", "vertical", "pan", "tilt", "roll", "zoom"]
    /// Effects of one image and of two people's images.
    static let singleImageEffects = ["bloombloom", "dizzydizzy", "fuzzyfuzzy", "squish", "expansion"]
    static let pairEffects = ["hug", "kiss", "heart_gesture"]
    static let imageReferences = ["subject", "face"]
    static let lipSyncModes = ["text2video", "audio2video"]
    static let voiceLanguages = ["zh", "en"]
    static let audioTypes = ["file", "url"]
}
