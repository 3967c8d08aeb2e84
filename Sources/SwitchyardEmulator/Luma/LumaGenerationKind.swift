/// The `generation_type` of a Luma generation, which decides what assets it ends with.
enum LumaGenerationKind: String, Sendable {
    case video
    case image
    case upscaleVideo = "upscale_video"
    case addAudio = "add_audio"
    case modifyVideo = "modify_video"
    case reframeVideo = "reframe_video"
    case reframeImage = "reframe_image"

    /// True when the finished generation is a video (assets video, image thumbnail and progress video);
    /// false when it is a still image (asset image only).
    var producesVideo: Bool {
        switch self {
        case .video, .upscaleVideo, .addAudio, .modifyVideo, .reframeVideo: return true
        case .image, .reframeImage: return false
        }
    }
}
