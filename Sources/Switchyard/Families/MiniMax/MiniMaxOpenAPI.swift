/// MiniMax's routes in the OpenAPI document: video_generation, its query and files/retrieve.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    private static let miniMaxBaseResp = S.object(["status_code": S.integer(), "status_msg": S.string()], required: ["status_code", "status_msg"])

    private static let miniMaxCreate = S.object(
        [
            "model": S.string(oneOf: MiniMaxModel.names), "prompt": S.string(maxLength: 2_000), "prompt_optimizer": S.boolean(),
            "fast_pretreatment": S.boolean(), "aigc_watermark": S.boolean(), "duration": S.integer(minimum: 6, maximum: 10),
            "resolution": S.string(oneOf: ["512P", "720P", "768P", "1080P"]),
            "first_frame_image": S.string("An image URL or a base64 data URL", maxLength: MiniMaxRequestValidator.imageMaxLength),
            "last_frame_image": S.string("An image URL or a base64 data URL (MiniMax-Hailuo-02)", maxLength: MiniMaxRequestValidator.imageMaxLength),
            "subject_reference": S.array(
                S.object(["type": S.string(oneOf: ["character"]), "image": S.array(S.string(maxLength: MiniMaxRequestValidator.imageMaxLength))])),
            "callback_url": S.string("Posted the query object as the task moves", maxLength: 2_048, format: "uri"),
        ], required: ["model"])

    static let miniMaxOperations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/minimax/v1/video_generation", family: .miniMax, summary: "A video (price by model, duration, resolution)",
            body: .json(miniMaxCreate),
            answer: .json(S.object(["task_id": S.string(), "base_resp": miniMaxBaseResp], required: ["task_id", "base_resp"]))),
        OpenAPIOperation(
            method: .get, path: "/minimax/v1/query/video_generation", family: .miniMax, summary: "One of your video tasks",
            query: [.init(name: "task_id", schema: S.string(minLength: 1, maxLength: 200), required: true)],
            answer: .json(
                S.object(
                    [
                        "task_id": S.string(), "status": S.string(oneOf: ["Preparing", "Queueing", "Processing", "Success", "Fail"]),
                        "file_id": S.string(), "video_width": S.integer(), "video_height": S.integer(), "base_resp": miniMaxBaseResp,
                    ], required: ["task_id", "status", "base_resp"]))),
        OpenAPIOperation(
            method: .get, path: "/minimax/v1/files/retrieve", family: .miniMax, summary: "One of your files, with its download URL",
            query: [.init(name: "file_id", schema: S.string(minLength: 1, maxLength: 200), required: true)],
            answer: .json(
                S.object(
                    [
                        "file": S.object(
                            [
                                "file_id": S.string(), "bytes": S.integer(), "created_at": S.integer(), "filename": S.string(), "purpose": S.string(),
                                "download_url": S.string(format: "uri"),
                            ], required: ["file_id", "download_url"]), "base_resp": miniMaxBaseResp,
                    ], required: ["file", "base_resp"]))),
    ]
}

extension OpenAPIGroup {
    static let miniMax = OpenAPIGroup(
        tag: "MiniMax", errorSchema: "MiniMaxError",
        errorBody: OpenAPISchema.object(
            [
                "base_resp": OpenAPISchema.object(
                    ["status_code": OpenAPISchema.integer(), "status_msg": OpenAPISchema.string()], required: ["status_code", "status_msg"])
            ], required: ["base_resp"],
            "MiniMax's base_resp: 2013 invalid parameters or unknown id, 1004 authentication, 1002 rate limit, 1008 balance, 1026 sensitive input"),
        security: OpenAPIGroup.bearer)
}
