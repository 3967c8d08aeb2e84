/// Ideogram's vocabulary as the emulator checks it: models, enums, markers and the lifetime of image links.
enum IdeogramCatalog {
    /// Where the emulated API is served (a channel's base URL is the root URL plus this).
    static let basePath = "/ideogram"
    static let models = ["V_1", "V_1_TURBO", "V_2", "V_2_TURBO", "V_2A", "V_2A_TURBO"]
    static let editModels = ["V_2", "V_2_TURBO"]
    static let aspectRatios = [
        "ASPECT_1_1", "ASPECT_10_16", "ASPECT_16_10", "ASPECT_9_16", "ASPECT_16_9", "ASPECT_3_2", "ASPECT_2_3", "ASPECT_4_3", "ASPECT_3_4",
        "ASPECT_1_3", "ASPECT_3_1",
    ]
    static let version3AspectRatios = ["1x3", "3x1", "1x2", "2x1", "9x16", "16x9", "10x16", "16x10", "2x3", "3x2", "3x4", "4x3", "4x5", "5x4", "1x1"]
    static let magicPromptOptions = ["AUTO", "ON", "OFF"]
    static let styleTypes = ["AUTO", "GENERAL", "REALISTIC", "DESIGN", "RENDER_3D", "ANIME"]
    static let renderingSpeeds = ["TURBO", "DEFAULT", "QUALITY"]
    static let version3StyleTypes = ["AUTO", "GENERAL", "REALISTIC", "DESIGN"]
    /// What magic prompt `ON` adds to a prompt.
    static let magicPromptSuffix = ", highly detailed, soft natural light, balanced composition"
    /// How long an image link works: Ideogram's links expire within a day.
    static let linkLifetimeSeconds = 24.0 * 3600

    /// A prompt with this marker gets images Ideogram flags as unsafe (`is_image_safe: false`), still delivered.
    static let unsafeMarker = "[unsafe]"
    /// Ideogram's own refusals, steered by `[fault:<name>]` in the prompt: the safety check (422), no credits
    /// (402), invalid input (400).
    static let moderationFault = "moderation"
    static let noCreditsFault = "no-credits"
    static let invalidFault = "invalid"

    /// The pixel size of an aspect ratio (`ASPECT_16_9`, `16x9`): about a megapixel, sides in steps of 16.
    static func size(ofAspectRatio ratio: String) -> (width: Int, height: Int) {
        let digits = ratio.replacingOccurrences(of: "ASPECT_", with: "").split(whereSeparator: { $0 == "_" || $0 == "x" }).compactMap { Double($0) }
        guard digits.count == 2, digits[0] > 0, digits[1] > 0 else { return (1024, 1024) }
        let scale = (1024.0 * 1024.0 / (digits[0] * digits[1])).squareRoot()
        return (Int((digits[0] * scale / 16).rounded()) * 16, Int((digits[1] * scale / 16).rounded()) * 16)
    }
}
