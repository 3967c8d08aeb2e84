/// Ideogram's vocabulary as data: the models and enums of its routes, as the catalog lists them.
public struct IdeogramSettings: Sendable, Equatable {
    /// The model of a legacy call that names none.
    public var defaultModel = "V_2"
    /// Every `model` of the legacy routes (`/generate`, `/remix`), oldest first.
    public var models = ["V_1", "V_1_TURBO", "V_2", "V_2_TURBO", "V_2A", "V_2A_TURBO"]
    /// The models `/edit` takes.
    public var editModels = ["V_2", "V_2_TURBO"]
    /// The model name the 3.0 routes are routed and priced under (a channel serves 3.0 when it lists it).
    public var version3Model = "V_3"

    public init() {}

    /// The models a legacy model's `resolution` and `style_type` need (2.0 and later).
    public func supportsStyle(_ model: String) -> Bool { !model.hasPrefix("V_1") }

    /// Every model a channel may serve: the legacy ones and 3.0.
    public var channelModels: [String] { models + [version3Model] }

    /// The lower-case names OpenAI clients may use for each model (`ideogram-v2-turbo`), which the OpenAI images
    /// bridge reads; a channel lists them too to serve OpenAI's images route under those names.
    public var openAIAliases: [String] {
        channelModels.map { "ideogram-v" + $0.dropFirst(2).lowercased().replacingOccurrences(of: "_", with: "-") }
    }

    static let aspectRatios = [
        "ASPECT_1_1", "ASPECT_10_16", "ASPECT_16_10", "ASPECT_9_16", "ASPECT_16_9", "ASPECT_3_2", "ASPECT_2_3", "ASPECT_4_3", "ASPECT_3_4",
        "ASPECT_1_3", "ASPECT_3_1",
    ]
    static let magicPromptOptions = ["AUTO", "ON", "OFF"]
    static let styleTypes = ["AUTO", "GENERAL", "REALISTIC", "DESIGN", "RENDER_3D", "ANIME"]
    /// 3.0's aspect ratios (`16x9`), style types and rendering speeds.
    static let version3AspectRatios = ["1x3", "3x1", "1x2", "2x1", "9x16", "16x9", "10x16", "16x10", "2x3", "3x2", "3x4", "4x3", "4x5", "5x4", "1x1"]
    static let version3StyleTypes = ["AUTO", "GENERAL", "REALISTIC", "DESIGN"]
    static let renderingSpeeds = ["TURBO", "DEFAULT", "QUALITY"]
    /// The image sizes Ideogram renders at: each side 256–2048 pixels in steps of 16 (its resolution list lies
    /// within these bounds).
    static let sideRange = 256...2048
}
