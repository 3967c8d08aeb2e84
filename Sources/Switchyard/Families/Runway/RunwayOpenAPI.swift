/// Runway's routes in the OpenAPI document, with the fields, enums and bounds of `RunwayRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema
    private typealias Catalog = RunwayCatalog

    /// `X-Runway-Version`, required on every Runway route.
    private static let runwayVersion = OpenAPIOperation.Query(
        name: RunwayVersion.headerName, schema: S.string(oneOf: RunwayVersion.known), required: true)
    private static let mediaURI = S.string("An HTTPS URL or a data URI", minLength: 1, maxLength: 2_048)
    private static let promptText = S.string(maxLength: Catalog.maxPromptLength)
    private static let seed = S.integer(minimum: 0, maximum: Catalog.maxSeed)
    private static let moderation = S.object(["publicFigureThreshold": S.string(oneOf: ["auto", "low"])])
    private static let created = OpenAPIOperation.Answer.json(S.object(["id": S.string()], required: ["id"], "The new task's id"))

    private static func runwayCreate(
        _ route: String, _ summary: String, _ properties: KeyValuePairs<String, JSONValue>, required: [String]
    ) -> OpenAPIOperation {
        .init(
            method: .post, path: "/runwayml/v1/\(route)", family: .runway, summary: summary, headers: [runwayVersion],
            body: .json(S.object(properties, required: required)), answer: created)
    }

    static let runwayOperations: [OpenAPIOperation] = {
        let promptImage = S.anyOf(
            mediaURI,
            S.array(
                S.object(["uri": mediaURI, "position": S.string(oneOf: ["first", "last"])], required: ["uri", "position"]), minItems: 1,
                maxItems: 2))
        let allRatios = Catalog.imageToVideoRatios.values.flatMap { $0 }.sorted()
        let task = S.object(
            [
                "id": S.string(), "status": S.string(oneOf: ["PENDING", "THROTTLED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"]),
                "createdAt": S.string(), "progress": S.number(minimum: 0, maximum: 1), "output": S.array(S.string()),
                "failure": S.string(), "failureCode": S.string(),
            ], required: ["id", "status", "createdAt"], "A Runway task")
        return [
            runwayCreate(
                "image_to_video", "A video from an image",
                [
                    "model": S.string(oneOf: Catalog.imageToVideoRatios.keys.sorted()), "promptImage": promptImage,
                    "ratio": S.string(oneOf: allRatios), "promptText": promptText, "duration": S.integer(minimum: 5, maximum: 10),
                    "seed": seed, "contentModeration": moderation,
                ], required: ["model", "promptImage", "ratio"]),
            runwayCreate(
                "text_to_image", "An image from a prompt and reference images",
                [
                    "model": S.string(oneOf: Catalog.imageModels), "promptText": S.string(minLength: 1, maxLength: Catalog.maxPromptLength),
                    "ratio": S.string(oneOf: Catalog.imageRatios),
                    "referenceImages": S.array(S.object(["uri": mediaURI, "tag": S.string(maxLength: 16)], required: ["uri"]), maxItems: 3),
                    "seed": seed, "contentModeration": moderation,
                ], required: ["model", "promptText", "ratio"]),
            runwayCreate(
                "video_to_video", "A new look for a video",
                [
                    "model": S.string(oneOf: [Catalog.videoToVideoModel]), "videoUri": mediaURI,
                    "promptText": S.string(minLength: 1, maxLength: Catalog.maxPromptLength), "ratio": S.string(oneOf: Catalog.videoToVideoRatios),
                    "references": S.array(S.object(["type": S.string(oneOf: ["image"]), "uri": mediaURI], required: ["type", "uri"]), maxItems: 1),
                    "seed": seed, "contentModeration": moderation,
                ], required: ["model", "videoUri", "promptText"]),
            runwayCreate(
                "video_upscale", "A video at four times its resolution",
                ["model": S.string(oneOf: [Catalog.upscaleModel]), "videoUri": mediaURI], required: ["model", "videoUri"]),
            runwayCreate(
                "character_performance", "A character acting out a reference performance",
                [
                    "model": S.string(oneOf: [Catalog.characterModel]),
                    "character": S.object(["type": S.string(oneOf: ["image", "video"]), "uri": mediaURI], required: ["type", "uri"]),
                    "reference": S.object(["type": S.string(oneOf: ["video"]), "uri": mediaURI], required: ["type", "uri"]),
                    "ratio": S.string(oneOf: Catalog.characterRatios), "bodyControl": S.boolean(),
                    "expressionIntensity": S.integer(minimum: 1, maximum: 5), "seed": seed, "contentModeration": moderation,
                ], required: ["model", "character", "reference"]),
            .init(
                method: .get, path: "/runwayml/v1/tasks/{id}", family: .runway, summary: "One task", headers: [runwayVersion],
                answer: .json(task)),
            .init(
                method: .delete, path: "/runwayml/v1/tasks/{id}", family: .runway,
                summary: "Cancel a live task (refunded) or delete a finished one", headers: [runwayVersion], answer: .noContent),
            .init(
                method: .get, path: "/runwayml/v1/organization", family: .runway, summary: "The caller's credit balance and usage",
                headers: [runwayVersion],
                answer: .json(S.object(["creditBalance": S.integer(), "tier": S.anyObject, "usage": S.anyObject], required: ["creditBalance"]))),
        ]
    }()
}

extension OpenAPIGroup {
    static let runway = OpenAPIGroup(
        tag: "Runway", errorSchema: "RunwayError",
        errorBody: OpenAPISchema.object(
            ["error": OpenAPISchema.string(), "issues": OpenAPISchema.array(OpenAPISchema.anyObject)], required: ["error"],
            "Runway's error object"),
        security: OpenAPIGroup.bearer)
}
