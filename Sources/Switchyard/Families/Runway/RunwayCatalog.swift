/// Runway's models as data: which route takes which model, the ratios each model draws, and how long an output
/// lasts for pricing.
enum RunwayCatalog {
    /// `image_to_video` models and the ratios each takes.
    static let imageToVideoRatios: [String: [String]] = [
        "gen4_turbo": ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"],
        "gen3a_turbo": ["1280:768", "768:1280"],
    ]
    /// Models whose prompt image may also be the last frame (`position: "last"`).
    static let lastFrameModels: Set<String> = ["gen3a_turbo"]
    /// The video lengths `image_to_video` makes, in seconds.
    static let durations = [5, 10]
    /// Length of a video when the request names none.
    static let defaultDuration = 10

    /// `text_to_image` models.
    static let imageModels = ["gen4_image", "gen4_image_turbo"]
    /// Ratios of a `text_to_image` output; the first group is 720p, the rest 1080p.
    static let imageRatios720p = ["1280:720", "720:1280", "720:720", "960:720", "720:960", "1680:720"]
    static let imageRatios1080p = [
        "1920:1080", "1080:1920", "1024:1024", "1360:768", "1080:1080", "1168:880", "1440:1080", "1080:1440", "1808:768", "2112:912",
    ]
    static var imageRatios: [String] { imageRatios720p + imageRatios1080p }

    /// `video_to_video` model and ratios.
    static let videoToVideoModel = "gen4_aleph"
    static let videoToVideoRatios = ["1280:720", "720:1280", "1104:832", "960:960", "832:1104", "1584:672", "848:480", "640:480"]
    /// `video_upscale` model.
    static let upscaleModel = "upscale_v1"
    /// `character_performance` model and ratios.
    static let characterModel = "act_two"
    static let characterRatios = ["1280:720", "720:1280", "960:960", "1104:832", "832:1104", "1584:672"]

    /// Seconds a call whose output follows an input video is priced for: the longest output the model makes
    /// (Switchyard settles what it holds, and the input's length is not known before the upstream reads it).
    static let pricedSeconds: [String: Int] = ["gen4_aleph": 5, "act_two": 30, "upscale_v1": 40]

    /// Every model a Runway channel may serve.
    static var models: [String] {
        imageToVideoRatios.keys.sorted() + imageModels + [videoToVideoModel, upscaleModel, characterModel]
    }

    /// Highest `seed` Runway takes.
    static let maxSeed = 4_294_967_295
    /// Longest `promptText`.
    static let maxPromptLength = 1_000
}
