/// Suno's routes, with the fields, enums and bounds of `SunoRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    /// Suno answers `{"code":"success","message":"","data":...}`.
    private static let sunoAnswer = OpenAPIOperation.Answer.json(
        S.object(["code": S.constant("success"), "message": S.string(), "data": .object([:])], required: ["code", "data"]))
    private static let clipID = S.string(minLength: 1, maxLength: 100)
    private static let notifyHook = S.nullable(S.string("Called with the task when it ends", maxLength: 2_048, format: "uri"))

    private static func suno(_ method: OpenAPIOperation.Method, _ path: String, _ summary: String, body: JSONValue? = nil) -> OpenAPIOperation {
        .init(method: method, path: path, family: .suno, summary: summary, body: body.map(OpenAPIOperation.Body.json), answer: sunoAnswer)
    }

    static let sunoOperations: [OpenAPIOperation] = {
        let seconds = S.number(minimum: 0, maximum: 3_600)
        return [
            suno(
                .post, "/suno/submit/music", "A song, or extend, cover, replace a section, stems (by `task`)",
                body: S.object([
                    "prompt": S.string(maxLength: 5_000), "gpt_description_prompt": S.string(maxLength: 3_000),
                    "mv": S.string(oneOf: SunoSettings().modelNames), "title": S.string(maxLength: 200), "tags": S.string(maxLength: 1_000),
                    "negative_tags": S.string(maxLength: 1_000), "make_instrumental": S.boolean(), "generation_type": S.string(oneOf: ["TEXT"]),
                    "task": S.string(oneOf: SunoRequestValidator.musicTasks), "continue_clip_id": clipID, "cover_clip_id": clipID,
                    "continue_at": seconds, "infill_start_s": seconds, "infill_end_s": seconds, "stem_type_group_name": S.string(maxLength: 100),
                    "stem_task": S.string(maxLength: 100), "persona_id": clipID, "notify_hook": notifyHook,
                ])),
            suno(
                .post, "/suno/submit/lyrics", "Lyrics",
                body: S.object(["prompt": S.string(minLength: 1, maxLength: 3_000), "notify_hook": notifyHook], required: ["prompt"])),
            suno(
                .post, "/suno/submit/concat", "The complete song of an extended clip",
                body: S.object(["clip_id": clipID, "is_infill": S.boolean(), "notify_hook": notifyHook], required: ["clip_id"])),
            suno(.post, "/suno/uploads/audio-url", "Upload audio by URL", body: S.object(["url": S.url], required: ["url"])),
            suno(
                .post, "/suno/persona/create", "A persona from a clip",
                body: S.object(
                    [
                        "name": S.string(minLength: 1, maxLength: 200), "description": S.string(maxLength: 2_000), "is_public": S.boolean(),
                        "root_clip_id": clipID, "clips": S.array(clipID, maxItems: 20),
                    ], required: ["name", "root_clip_id"])),
            suno(.get, "/suno/act/{action}/{clip_id}", "Stems, timing, WAV or MP4 of a clip"),
            suno(.get, "/suno/fetch/{id}", "One task"),
            suno(.post, "/suno/fetch", "Tasks by id", body: S.object(["ids": S.array(S.string(), maxItems: 100)], required: ["ids"])),
            suno(.get, "/suno/feed/{ids}", "Clips by comma-separated ids"),
        ]
    }()
}

extension OpenAPIGroup {
    static let suno = OpenAPIGroup(
        tag: "Suno", errorSchema: "SunoError",
        errorBody: OpenAPISchema.object(
            ["code": OpenAPISchema.string(), "message": OpenAPISchema.string(), "data": OpenAPISchema.constant(.null)],
            required: ["code", "message"],
            "The Suno relay's error object"),
        security: OpenAPIGroup.bearer)
}
