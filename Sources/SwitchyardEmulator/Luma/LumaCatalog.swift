/// Fixed vocabularies of the Luma Dream Machine API (lumaai SDK 1.21), used to validate requests and to answer
/// the list endpoints.
enum LumaCatalog {
    /// Video models; `ray-1-6` is the older model the API still accepts.
    static let videoModels = ["ray-2", "ray-flash-2", "ray-1-6"]
    /// Image models.
    static let imageModels = ["photon-1", "photon-flash-1"]
    /// Model used when a video request names none.
    static let defaultVideoModel = "ray-2"
    /// Model used when an image request names none.
    static let defaultImageModel = "photon-1"
    /// Accepted aspect ratios.
    static let aspectRatios = ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"]
    /// Aspect ratio used when a create request names none.
    static let defaultAspectRatio = "16:9"
    /// Image output formats.
    static let imageFormats = ["jpg", "png"]
    /// Modes of `POST /generations/video/modify`.
    static let modifyModes = [
        "adhere_1", "adhere_2", "adhere_3", "flex_1", "flex_2", "flex_3", "reimagine_1", "reimagine_2", "reimagine_3",
    ]
    /// Answer of `GET /generations/concepts/list`: keys usable in a video request's `concepts`.
    static let concepts = [
        "aerial", "aerial_drone", "bolt_cam", "crane_down", "crane_up", "dolly_zoom", "handheld", "orbit_left",
        "orbit_right", "pull_out", "push_in", "static", "zoom_in", "zoom_out",
    ]
    /// Answer of `GET /generations/camera_motion/list`: phrases that steer the camera from a prompt.
    static let cameraMotions = [
        "Static", "Move Left", "Move Right", "Move Up", "Move Down", "Push In", "Pull Out", "Zoom In", "Zoom Out",
        "Pan Left", "Pan Right", "Orbit Left", "Orbit Right", "Crane Up", "Crane Down",
    ]
    /// Credits every emulator instance reports.
    static let creditBalance = 100_000.0
    /// `failure_reason` of a generation made to fail by the `fail` fault.
    static let emulatedFailureReason = "Generation failed (emulated)"
}
