/// Validation of requests that make a new generation from existing media: upscale, add audio, modify video,
/// reframe video and reframe image.
enum LumaEditRequests {
    /// Models that can modify or reframe a video (the SDK lists only the ray-2 family for these).
    static let videoEditModels = ["ray-2", "ray-flash-2"]

    /// `POST /generations/{id}/upscale`; the source's model carries over.
    static func upscale(_ body: EmulatorJSONFields, source: LumaGeneration) throws -> LumaGenerationPlan {
        _ = try body.choice("generation_type", from: [LumaGenerationKind.upscaleVideo.rawValue])
        let resolution = try body.string("resolution")
        if resolution?.isEmpty == true {
            throw EmulatorHTTPError.badRequest("resolution: Input should not be empty")
        }
        return LumaGenerationPlan(
            kind: .upscaleVideo,
            model: source.model,
            request: .object([
                ("generation_type", .string(LumaGenerationKind.upscaleVideo.rawValue)),
                ("resolution", .from(resolution)),
                ("callback_url", .from(try body.url("callback_url"))),
            ])
        )
    }

    /// `POST /generations/{id}/audio`; the source's model carries over.
    static func addAudio(_ body: EmulatorJSONFields, source: LumaGeneration) throws -> LumaGenerationPlan {
        _ = try body.choice("generation_type", from: [LumaGenerationKind.addAudio.rawValue])
        return LumaGenerationPlan(
            kind: .addAudio,
            model: source.model,
            request: .object([
                ("generation_type", .string(LumaGenerationKind.addAudio.rawValue)),
                ("prompt", .from(try body.string("prompt"))),
                ("negative_prompt", .from(try body.string("negative_prompt"))),
                ("callback_url", .from(try body.url("callback_url"))),
            ])
        )
    }

    /// `POST /generations/video/modify`: restyle a video; `media.url` and `mode` are required.
    static func modifyVideo(_ body: EmulatorJSONFields) throws -> LumaGenerationPlan {
        _ = try body.choice("generation_type", from: [LumaGenerationKind.modifyVideo.rawValue])
        let media = try mediaObject(body, "media", required: true)
        let mode = try body.choice("mode", from: LumaCatalog.modifyModes, required: true)
        let model = try body.choice("model", from: videoEditModels) ?? LumaCatalog.defaultVideoModel
        return LumaGenerationPlan(
            kind: .modifyVideo,
            model: model,
            request: .object([
                ("generation_type", .string(LumaGenerationKind.modifyVideo.rawValue)),
                ("model", .string(model)),
                ("media", media),
                ("first_frame", try mediaObject(body, "first_frame", required: false)),
                ("mode", .from(mode)),
                ("prompt", .from(try body.string("prompt"))),
                ("callback_url", .from(try body.url("callback_url"))),
            ])
        )
    }

    /// `POST /generations/video/reframe`: change a video's aspect ratio; `media.url` and `aspect_ratio` required.
    static func reframeVideo(_ body: EmulatorJSONFields) throws -> LumaGenerationPlan {
        _ = try body.choice("generation_type", from: [LumaGenerationKind.reframeVideo.rawValue])
        let media = try mediaObject(body, "media", required: true)
        let aspectRatio = try body.choice("aspect_ratio", from: LumaCatalog.aspectRatios, required: true)
        let model = try body.choice("model", from: videoEditModels) ?? LumaCatalog.defaultVideoModel
        let head: [(String, EmulatorJSON)] = [
            ("generation_type", .string(LumaGenerationKind.reframeVideo.rawValue)),
            ("model", .string(model)),
            ("media", media),
            ("first_frame", try mediaObject(body, "first_frame", required: false)),
            ("aspect_ratio", .from(aspectRatio)),
            ("prompt", .from(try body.string("prompt"))),
            ("callback_url", .from(try body.url("callback_url"))),
        ]
        return LumaGenerationPlan(kind: .reframeVideo, model: model, request: .object(head + (try cropFields(body))))
    }

    /// `POST /generations/image/reframe`: change an image's aspect ratio; `media.url` and `aspect_ratio` required.
    static func reframeImage(_ body: EmulatorJSONFields) throws -> LumaGenerationPlan {
        _ = try body.choice("generation_type", from: [LumaGenerationKind.reframeImage.rawValue])
        let media = try mediaObject(body, "media", required: true)
        let aspectRatio = try body.choice("aspect_ratio", from: LumaCatalog.aspectRatios, required: true)
        let model = try body.choice("model", from: LumaCatalog.imageModels) ?? LumaCatalog.defaultImageModel
        let format = try body.choice("format", from: LumaCatalog.imageFormats)
        let head: [(String, EmulatorJSON)] = [
            ("generation_type", .string(LumaGenerationKind.reframeImage.rawValue)),
            ("model", .string(model)),
            ("media", media),
            ("aspect_ratio", .from(aspectRatio)),
            ("format", .from(format)),
            ("prompt", .from(try body.string("prompt"))),
            ("callback_url", .from(try body.url("callback_url"))),
        ]
        return LumaGenerationPlan(
            kind: .reframeImage,
            model: model,
            request: .object(head + (try cropFields(body))),
            imageExtension: format ?? "jpg"
        )
    }

    /// A `{url}` media object, `null` when absent and optional.
    private static func mediaObject(_ body: EmulatorJSONFields, _ key: String, required: Bool) throws -> EmulatorJSON {
        guard let media = try body.object(key, required: required) else { return .null }
        return .object([("url", .string(try media.url("url", required: true) ?? ""))])
    }

    /// The optional integer placement fields shared by both reframe requests, in the SDK's order.
    private static func cropFields(_ body: EmulatorJSONFields) throws -> [(String, EmulatorJSON)] {
        let keys = [
            "grid_position_x", "grid_position_y", "resized_height", "resized_width", "x_start", "x_end", "y_start",
            "y_end",
        ]
        return try keys.map { key in (key, .from(try body.int(key))) }
    }
}
