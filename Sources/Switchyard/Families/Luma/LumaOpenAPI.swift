/// Luma's routes, with the fields, enums and bounds of `LumaRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema
    private typealias Luma = LumaRequestValidator

    private static let url = S.url
    private static let callbackURL = S.nullable(S.string("Called with the generation when it ends", maxLength: 2_048, format: "uri"))
    private static let lumaPrompt = S.string(maxLength: 5_000)
    private static let aspectRatio = S.string(oneOf: Luma.aspectRatios)
    private static let media = S.object(["url": url], required: ["url"])
    private static let weighted = S.object(["url": url, "weight": S.number(minimum: 0, maximum: 1)], required: ["url"])
    private static let keyframe = S.anyOf(
        S.object(["type": S.constant("image"), "url": url], required: ["type", "url"]),
        S.object(["type": S.constant("generation"), "id": S.string(minLength: 1, maxLength: 100)], required: ["type", "id"]))
    private static let generation = S.object(["id": S.string(), "state": S.string()], required: ["id", "state"], "A Luma Generation")
    private static let created = OpenAPIOperation.Answer.json(generation, status: 201)

    private static func lumaCreate(_ path: String, _ summary: String, _ properties: KeyValuePairs<String, JSONValue>, required: [String] = [])
        -> OpenAPIOperation
    {
        .init(method: .post, path: path, family: .luma, summary: summary, body: .json(S.object(properties, required: required)), answer: created)
    }

    private static func reframe(video: Bool) -> OpenAPIOperation {
        let type = video ? "reframe_video" : "reframe_image"
        var properties: [(String, JSONValue)] = [
            ("generation_type", S.string(oneOf: [type])), ("media", media), ("aspect_ratio", aspectRatio),
            ("model", S.string(oneOf: video ? ["ray-2", "ray-flash-2"] : LumaSettings().imageModels)), ("prompt", lumaPrompt),
            ("callback_url", callbackURL),
        ]
        properties.append(video ? ("first_frame", media) : ("format", S.string(oneOf: ["jpg", "png"])))
        properties += Luma.reframeIntegers.map { ($0, S.integer(minimum: 0, maximum: 16_384)) }
        return .init(
            method: .post, path: "/dream-machine/v1/generations/\(video ? "video" : "image")/reframe", family: .luma,
            summary: video ? "Reframe a video" : "Reframe an image",
            body: .json(.object(["type": "object", "properties": .object(JSONObject(properties)), "required": .array(["media", "aspect_ratio"])])),
            answer: created)
    }

    static let lumaOperations: [OpenAPIOperation] = {
        let settings = LumaSettings()
        let video: KeyValuePairs<String, JSONValue> = [
            "generation_type": S.string(oneOf: ["video"]), "prompt": lumaPrompt, "model": S.string(oneOf: settings.videoModels),
            "aspect_ratio": aspectRatio, "loop": S.boolean(), "resolution": S.string(oneOf: Luma.resolutions),
            "duration": S.string(oneOf: Luma.durations), "keyframes": S.object(["frame0": keyframe, "frame1": keyframe]),
            "concepts": S.array(S.object(["key": S.string(minLength: 1, maxLength: 100)], required: ["key"]), maxItems: 10),
            "callback_url": callbackURL,
        ]
        let listLimit = OpenAPIOperation.Query(name: "limit", schema: S.integer(minimum: 1, maximum: 1_000))
        let listOffset = OpenAPIOperation.Query(name: "offset", schema: S.integer(minimum: 0, maximum: Int(Int32.max)))
        return [
            lumaCreate("/dream-machine/v1/generations", "Create a video generation", video),
            lumaCreate("/dream-machine/v1/generations/video", "Create a video generation", video),
            lumaCreate(
                "/dream-machine/v1/generations/image", "Create an image generation",
                [
                    "generation_type": S.string(oneOf: ["image"]), "prompt": S.string(minLength: 1, maxLength: 5_000),
                    "model": S.string(oneOf: settings.imageModels), "aspect_ratio": aspectRatio, "format": S.string(oneOf: ["jpg", "png"]),
                    "sync": S.boolean(), "sync_timeout": S.number(minimum: 0, maximum: 300), "image_ref": S.array(weighted, maxItems: 8),
                    "style_ref": S.array(weighted, maxItems: 8), "modify_image_ref": weighted,
                    "character_ref": S.object(
                        ["identity0": S.object(["images": S.array(url, minItems: 1, maxItems: 8)], required: ["images"])], required: ["identity0"]),
                    "callback_url": callbackURL,
                ], required: ["prompt"]),
            lumaCreate(
                "/dream-machine/v1/generations/video/modify", "Modify a video",
                [
                    "generation_type": S.string(oneOf: ["modify_video"]), "media": media, "mode": S.string(oneOf: Luma.modifyModes),
                    "model": S.string(oneOf: ["ray-2", "ray-flash-2"]), "prompt": lumaPrompt, "first_frame": media, "callback_url": callbackURL,
                ], required: ["media", "mode"]),
            reframe(video: true),
            reframe(video: false),
            lumaCreate(
                "/dream-machine/v1/generations/{id}/upscale", "Upscale a completed video",
                ["generation_type": S.string(oneOf: ["upscale_video"]), "resolution": S.string(oneOf: Luma.resolutions), "callback_url": callbackURL]),
            lumaCreate(
                "/dream-machine/v1/generations/{id}/audio", "Add audio to a completed video",
                [
                    "generation_type": S.string(oneOf: ["add_audio"]), "prompt": lumaPrompt, "negative_prompt": lumaPrompt,
                    "callback_url": callbackURL,
                ]),
            .init(method: .get, path: "/dream-machine/v1/generations/{id}", family: .luma, summary: "One generation", answer: .json(generation)),
            .init(method: .delete, path: "/dream-machine/v1/generations/{id}", family: .luma, summary: "Delete a generation", answer: .noContent),
            .init(
                method: .get, path: "/dream-machine/v1/generations", family: .luma, summary: "The caller's generations",
                query: [listLimit, listOffset]),
            .init(
                method: .get, path: "/dream-machine/v1/generations/concepts/list", family: .luma, summary: "Concepts (the upstream's list)",
                answer: .json(S.array(S.string()))),
            .init(
                method: .get, path: "/dream-machine/v1/generations/camera_motion/list", family: .luma,
                summary: "Camera motions (the upstream's list)",
                answer: .json(S.array(S.string()))),
            .init(method: .get, path: "/dream-machine/v1/credits", family: .luma, summary: "The caller's remaining credit, in US cents"),
            .init(method: .get, path: "/dream-machine/v1/ping", family: .luma, summary: "Liveness", needsKey: false),
        ]
    }()
}

extension OpenAPIGroup {
    static let luma = OpenAPIGroup(
        tag: "Luma", errorSchema: "LumaError",
        errorBody: OpenAPISchema.object(["detail": OpenAPISchema.string()], required: ["detail"], "Luma's error object"),
        security: OpenAPIGroup.bearer)
}
