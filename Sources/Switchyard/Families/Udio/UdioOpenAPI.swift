/// Udio's routes in the OpenAPI document, with the fields, enums and bounds of `UdioRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    /// The relay envelope, `{"code":"success","message":"","data":...}`.
    private static let udioEnvelope = OpenAPIOperation.Answer.json(
        S.object(["code": S.constant("success"), "message": S.string(), "data": .object([:])], required: ["code", "data"]))

    private static let udioGenerate: JSONValue = {
        let share = S.number(minimum: 0, maximum: 1)
        let source = S.object(
            ["source_type": S.string(oneOf: ["song"]), "song_id": S.string("One of your songs", minLength: 1, maxLength: 100)],
            required: ["source_type", "song_id"])
        let config = S.object(
            ["mode": S.string(oneOf: UdioRequestValidator.modes), "context_length": S.number(minimum: 0, maximum: 3_600), "source": source])
        var parameters: [(String, JSONValue)] = [
            ("prompt", S.string(maxLength: 5_000)), ("lyrics", S.string(maxLength: 10_000)),
            ("lyrics_type", S.string(oneOf: UdioRequestValidator.lyricsTypes)), ("model_type", S.string(oneOf: UdioSettings().models)),
            ("seed", S.integer("-1 for a random seed", minimum: -1, maximum: Int(UInt32.max))), ("negative_prompt", S.string(maxLength: 2_000)),
            ("bypass_prompt_optimization", S.boolean()), ("config", config),
        ]
        parameters += UdioRequestValidator.unitFields.map { ($0, share) }
        return S.object(
            [
                "gen_params": .object(JSONObject([("type", "object"), ("properties", .object(JSONObject(parameters)))])),
                "notify_hook": S.nullable(S.string("Called with the task when it changes", maxLength: 2_048, format: "uri")),
            ], required: ["gen_params"])
    }()

    static let udioOperations: [OpenAPIOperation] = [
        .init(
            method: .post, path: "/udio/submit/music", family: .udio, summary: "Two songs, or an extension of one of yours",
            body: .json(udioGenerate), answer: udioEnvelope),
        .init(
            method: .post, path: "/udio/generate-proxy", family: .udio, summary: "The same as /udio/submit/music", body: .json(udioGenerate),
            answer: udioEnvelope),
        .init(method: .get, path: "/udio/fetch/{task_id}", family: .udio, summary: "One task", answer: udioEnvelope),
        .init(
            method: .get, path: "/udio/query", family: .udio, summary: "Your songs by comma-separated ids",
            query: [.init(name: "ids", schema: S.string(minLength: 1), required: true)],
            answer: .json(S.object(["songs": S.array(S.anyObject)], required: ["songs"]))),
    ]
}

extension OpenAPIGroup {
    static let udio = OpenAPIGroup(
        tag: "Udio", errorSchema: "UdioError",
        errorBody: OpenAPISchema.object(
            ["code": OpenAPISchema.string(), "message": OpenAPISchema.string(), "data": OpenAPISchema.constant(.null)],
            required: ["code", "message"],
            "The Udio relay's error object"),
        security: OpenAPIGroup.bearer)
}
