/// Kling's routes in the OpenAPI document, with the fields, enums and bounds of `KlingRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    /// `{"code":0,"message":"SUCCEED","request_id","data"}` around `data`.
    private static func klingEnvelope(_ data: JSONValue) -> OpenAPIOperation.Answer {
        .json(
            S.object(
                ["code": S.constant(.int(0)), "message": S.string(), "request_id": S.string(), "data": data], required: ["code", "message", "data"]))
    }

    /// The task object of every answer and callback.
    private static let klingTask = S.object(
        [
            "task_id": S.string(), "task_status": S.string(oneOf: ["submitted", "processing", "succeed", "failed"]),
            "task_status_msg": S.string(), "task_info": S.object(["external_task_id": S.string()]),
            "task_result": S.object([
                "videos": S.array(S.object(["id": S.string(), "url": S.string(), "duration": S.string()])),
                "images": S.array(S.object(["index": S.integer(), "url": S.string()])),
            ]),
            "created_at": S.integer("Epoch milliseconds"), "updated_at": S.integer("Epoch milliseconds"),
        ], required: ["task_id", "task_status", "created_at", "updated_at"])

    private static let klingPrompt = S.string(maxLength: KlingRequestValidator.promptLimit)
    private static let klingMedia = S.string("An image URL or raw base64", minLength: 1, maxLength: KlingRequestValidator.mediaLimit)
    private static let klingDuration = S.string(oneOf: KlingSettings.durations)
    private static let klingCallback = S.string("Kling posts the task object here at every status change", maxLength: 2_048, format: "uri")
    private static let klingExternalID = S.string(
        "Your own id for the task, unique among your tasks", maxLength: KlingRequestValidator.externalIDLimit)

    private static let klingCamera: JSONValue = {
        let axis = S.number(minimum: -10, maximum: 10)
        return S.object([
            "type": S.string(oneOf: KlingSettings.cameraTypes),
            "config": S.object([
                "horizontal": axis, "vertical": axis, "pan": axis, "tilt": axis, "roll": axis, "zoom": axis,
            ]),
        ])
    }()

    private static let klingBodies: [KlingTaskKind: JSONValue] = {
        let settings = KlingSettings()
        let unit = S.number(minimum: 0, maximum: 1)
        let video = S.string(oneOf: settings.videoModels)
        return [
            .text2video: S.object(
                [
                    "model_name": video, "prompt": klingPrompt, "negative_prompt": klingPrompt, "cfg_scale": unit,
                    "mode": S.string(oneOf: KlingSettings.modes), "camera_control": klingCamera,
                    "aspect_ratio": S.string(oneOf: KlingSettings.videoAspectRatios), "duration": klingDuration, "callback_url": klingCallback,
                    "external_task_id": klingExternalID,
                ], required: ["prompt"]),
            .image2video: S.object(
                [
                    "model_name": video, "image": klingMedia, "image_tail": klingMedia, "prompt": klingPrompt, "negative_prompt": klingPrompt,
                    "cfg_scale": unit, "mode": S.string(oneOf: KlingSettings.modes), "static_mask": klingMedia,
                    "dynamic_masks": S.array(
                        S.object(
                            [
                                "mask": klingMedia,
                                "trajectories": S.array(
                                    S.object(
                                        ["x": S.integer(minimum: 0, maximum: 100_000), "y": S.integer(minimum: 0, maximum: 100_000)],
                                        required: ["x", "y"]), minItems: 2, maxItems: 77),
                            ],
                            required: ["mask", "trajectories"]), maxItems: 6),
                    "camera_control": klingCamera, "duration": klingDuration, "callback_url": klingCallback, "external_task_id": klingExternalID,
                ], required: ["image"]),
            .videoExtend: S.object(
                [
                    "video_id": S.string("The id of one of your videos", minLength: 1, maxLength: 100), "prompt": klingPrompt,
                    "negative_prompt": klingPrompt, "cfg_scale": unit, "callback_url": klingCallback, "external_task_id": klingExternalID,
                ], required: ["video_id"]),
            .lipSync: S.object(
                [
                    "input": S.object(
                        [
                            "video_id": S.string("One of your videos", maxLength: 100), "video_url": klingMedia,
                            "mode": S.string(oneOf: KlingSettings.lipSyncModes), "text": S.string(maxLength: 120),
                            "voice_id": S.string(maxLength: 100),
                            "voice_language": S.string(oneOf: KlingSettings.voiceLanguages), "voice_speed": S.number(minimum: 0.8, maximum: 2),
                            "audio_type": S.string(oneOf: KlingSettings.audioTypes), "audio_file": klingMedia, "audio_url": klingMedia,
                        ], required: ["mode"]),
                    "callback_url": klingCallback, "external_task_id": klingExternalID,
                ], required: ["input"]),
            .effects: S.object(
                [
                    "effect_scene": S.string(oneOf: KlingSettings.singleImageEffects + KlingSettings.pairEffects),
                    "input": S.object([
                        "model_name": video, "mode": S.string(oneOf: KlingSettings.modes), "image": klingMedia,
                        "images": S.array(klingMedia, minItems: 2, maxItems: 2), "duration": klingDuration,
                    ]),
                    "callback_url": klingCallback, "external_task_id": klingExternalID,
                ], required: ["effect_scene", "input"]),
            .image: S.object(
                [
                    "model_name": S.string(oneOf: settings.imageModels), "prompt": klingPrompt, "negative_prompt": klingPrompt,
                    "image": klingMedia, "image_reference": S.string(oneOf: KlingSettings.imageReferences), "image_fidelity": unit,
                    "human_fidelity": unit, "n": S.integer(minimum: 1, maximum: 9),
                    "aspect_ratio": S.string(oneOf: KlingSettings.imageAspectRatios), "callback_url": klingCallback,
                    "external_task_id": klingExternalID,
                ], required: ["prompt"]),
            .virtualTryOn: S.object(
                [
                    "model_name": S.string(oneOf: settings.tryOnModels), "human_image": klingMedia, "cloth_image": klingMedia,
                    "callback_url": klingCallback, "external_task_id": klingExternalID,
                ], required: ["human_image", "cloth_image"]),
        ]
    }()

    static let klingOperations: [OpenAPIOperation] = KlingTaskKind.allCases.flatMap { kind -> [OpenAPIOperation] in
        let path = "/kling/v1/" + kind.path
        return [
            .init(
                method: .post, path: path, family: .kling, summary: "Create a \(kind.rawValue) task", body: .json(klingBodies[kind] ?? S.anyObject),
                answer: klingEnvelope(klingTask)),
            .init(
                method: .get, path: path + "/{task_id}", family: .kling,
                summary: "One of your \(kind.rawValue) tasks, by task_id or external_task_id",
                answer: klingEnvelope(klingTask)),
            .init(
                method: .get, path: path, family: .kling, summary: "A page of your \(kind.rawValue) tasks, newest first",
                query: [
                    .init(name: "pageNum", schema: S.integer(minimum: 1, maximum: 1_000)),
                    .init(name: "pageSize", schema: S.integer(minimum: 1, maximum: 500)),
                ],
                answer: klingEnvelope(S.array(klingTask))),
        ]
    }
}

extension OpenAPIGroup {
    static let kling = OpenAPIGroup(
        tag: "Kling", errorSchema: "KlingError",
        errorBody: OpenAPISchema.object(
            [
                "code": OpenAPISchema.integer(
                    "Kling's error code (1000–1004 auth, 1100–1103 account, 1200–1203 request, 1300–1304 policy, 5000–5002 server)"),
                "message": OpenAPISchema.string(), "request_id": OpenAPISchema.string(), "data": OpenAPISchema.constant(.null),
            ],
            required: ["code", "message"],
            "Kling's error envelope"),
        security: OpenAPIGroup.bearer)
}
