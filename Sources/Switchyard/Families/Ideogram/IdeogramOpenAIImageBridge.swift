import Foundation

/// Ideogram drawing for OpenAI's `POST /v1/images/generations`.
///
/// Model names: Ideogram's own (`V_1` … `V_2A_TURBO`, `V_3`) or their lower-case aliases `ideogram-v1`,
/// `ideogram-v1-turbo`, `ideogram-v2`, `ideogram-v2-turbo`, `ideogram-v2a`, `ideogram-v2a-turbo`, `ideogram-v3`.
/// `n` is `num_images` (1–8); `size` (`WIDTHxHEIGHT`) picks the nearest aspect ratio Ideogram has (`auto`: its default); for 3.0,
/// `quality` picks the rendering speed (`low` TURBO, `high`/`hd` QUALITY, anything else DEFAULT). Legacy models
/// go to `/generate`, 3.0 to `/v1/ideogram-v3/generate`; the call is priced as the same Ideogram call would be.
/// OpenAI's images route picks the bridge whose channels list the `model`, so a channel serves the aliases when it lists
/// them (the `--demo` channel does).
public struct IdeogramOpenAIImageBridge: OpenAIImageBridge {
    let settings = IdeogramSettings()

    public init() {}

    public var taskFamily: any TaskFamily { IdeogramFamily() }

    /// Ideogram's model for an OpenAI `model` value; nil when it names none of Ideogram's.
    public func ideogramModel(for name: String) -> String? {
        if settings.channelModels.contains(name) { return name }
        guard let index = settings.openAIAliases.firstIndex(of: name) else { return nil }
        return settings.channelModels[index]
    }

    public func taskCall(for request: OpenAIImageRequest) throws -> TaskCall {
        guard let model = ideogramModel(for: request.model) else { throw GatewayError.validation(field: "model", "is not an Ideogram model") }
        guard (1...8).contains(request.count) else { throw GatewayError.validation(field: "n", "must be between 1 and 8 for Ideogram") }
        guard !request.prompt.isEmpty else { throw GatewayError.validation(field: "prompt", "is required") }
        let validator = IdeogramRequestValidator(settings: settings)
        if model == settings.version3Model {
            var parts = [
                FormUpload.Part(name: "prompt", bytes: Array(request.prompt.utf8)),
                FormUpload.Part(name: "num_images", bytes: Array(String(request.count).utf8)),
                FormUpload.Part(name: "rendering_speed", bytes: Array(Self.renderingSpeed(quality: request.quality).utf8)),
            ]
            if let size = request.size, size != "auto" {
                parts.append(
                    FormUpload.Part(
                        name: "aspect_ratio", bytes: Array(try Self.nearest(size, among: IdeogramSettings.version3AspectRatios, separator: "x").utf8))
                )
            }
            return try validator.version3(.generate, FormUpload(parts: parts))
        }
        var imageRequest: JSONObject = ["prompt": .string(request.prompt), "model": .string(model), "num_images": .int(request.count)]
        if let size = request.size, size != "auto" {
            imageRequest["aspect_ratio"] = .string(
                "ASPECT_"
                    + (try Self.nearest(size, among: IdeogramSettings.aspectRatios.map { String($0.dropFirst("ASPECT_".count)) }, separator: "_")))
        }
        return try validator.generate(["image_request": .object(imageRequest)])
    }

    /// The finished task's image URLs, in order.
    public func imageURLs(in task: TaskRecord) -> [String] {
        task.result?["data"]?.arrayValue?.compactMap { $0["url"]?.stringValue } ?? []
    }

    /// 3.0's rendering speed for OpenAI's `quality`.
    static func renderingSpeed(quality: String?) -> String {
        switch quality {
        case "low": "TURBO"
        case "high", "hd": "QUALITY"
        default: "DEFAULT"
        }
    }

    /// The ratio among `ratios` (`16x9`, `16_9`) nearest to `size` (`1792x1024`), compared on a log scale.
    static func nearest(_ size: String, among ratios: [String], separator: Character) throws -> String {
        let sides = size.lowercased().split(separator: "x").compactMap { Double($0) }
        guard sides.count == 2, sides[0] > 0, sides[1] > 0, sides[0] < 100_000, sides[1] < 100_000 else {
            throw GatewayError.validation(field: "size", "must be WIDTHxHEIGHT, such as 1024x1024")
        }
        let wanted = log(sides[0] / sides[1])
        func distance(_ ratio: String) -> Double {
            let parts = ratio.split(separator: separator).compactMap { Double($0) }
            return parts.count == 2 ? abs(log(parts[0] / parts[1]) - wanted) : .infinity
        }
        return ratios.min { distance($0) < distance($1) } ?? ratios[0]
    }
}
