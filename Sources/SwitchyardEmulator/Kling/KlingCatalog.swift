/// Fixed vocabularies and numbers of the emulated Kling upstream.
enum KlingCatalog {
    /// Where the emulator serves Kling's `/v1/...` paths; a Kling channel's base URL is the emulator's root plus this.
    static let basePath = "/kling"
    /// Folder of this family's assets under `/media`.
    static let mediaFolder = "kling"

    static let videoModels = [
        "kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-master", "kling-v2-1", "kling-v2-1-master", "kling-v2-5-turbo",
    ]
    static let imageModels = ["kling-v1", "kling-v1-5", "kling-v2"]
    static let tryOnModels = ["kolors-virtual-try-on-v1", "kolors-virtual-try-on-v1-5"]
    static let modes = ["std", "pro"]
    static let durations = ["5", "10"]
    static let videoAspectRatios = ["16:9", "9:16", "1:1"]
    static let imageAspectRatios = ["16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"]
    static let effectScenes = ["bloombloom", "dizzydizzy", "fuzzyfuzzy", "squish", "expansion", "hug", "kiss", "heart_gesture"]
    static let lipSyncModes = ["text2video", "audio2video"]

    /// The longest prompt Kling takes.
    static let promptLimit = 2_500
    /// `task_status_msg` of a task made to fail by the `fail` fault.
    static let failureMessage = "Failure to pass the risk control system (emulated)"
    /// Seconds a video-extend adds to its source.
    static let extensionSeconds = 4.5
}
