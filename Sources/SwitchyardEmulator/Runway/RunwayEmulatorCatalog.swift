/// Fixed vocabularies of the emulated Runway upstream.
enum RunwayEmulatorCatalog {
    /// Path the API is served under on the emulator; a Runway channel's base URL is the emulator's root plus it.
    static let basePath = "/runwayml"
    /// Folder of this family's outputs under `/media`.
    static let mediaFamily = "runway"
    /// The API versions the emulator accepts in `X-Runway-Version`.
    static let versions = ["2024-11-06"]

    /// `image_to_video` models and their ratios.
    static let imageToVideoRatios: [String: [String]] = [
        "gen4_turbo": ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"],
        "gen3a_turbo": ["1280:768", "768:1280"],
    ]
    /// `text_to_image` models and ratios.
    static let imageModels = ["gen4_image", "gen4_image_turbo"]
    static let imageRatios = [
        "1920:1080", "1080:1920", "1024:1024", "1360:768", "1080:1080", "1168:880", "1440:1080", "1080:1440", "1808:768", "2112:912",
        "1280:720", "720:1280", "720:720", "960:720", "720:960", "1680:720",
    ]
    static let videoToVideoRatios = ["1280:720", "720:1280", "1104:832", "960:960", "832:1104", "1584:672", "848:480", "640:480"]
    static let characterRatios = ["1280:720", "720:1280", "960:960", "1104:832", "832:1104", "1584:672"]

    /// Prompt markers of failures Runway reports in the task rather than as an HTTP error.
    static let safetyMarker = "[fault:safety]"
    static let throttledMarker = "[fault:throttled]"
    /// `failure` and `failureCode` of a task ended by the `fail` fault and of one refused by moderation.
    static let internalFailure = ("An unexpected error occurred (emulated).", "INTERNAL")
    static let safetyFailure = ("The prompt did not pass our content moderation (emulated).", "SAFETY.INPUT.TEXT")

    /// The organization an emulated account has.
    static let creditBalance = 100_000
}
