/// Pika's routes in the OpenAPI document: generate and the feed.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    private static let pikaGenerate = S.object(
        [
            "promptText": S.string(maxLength: PikaCatalog.promptMaxLength), "model": S.string(oneOf: PikaCatalog.models),
            "image": S.string("An image URL or a data URI (image-to-video, pikaffects)", maxLength: PikaCatalog.imageMaxLength),
            "pikaffect": S.string(oneOf: [""] + PikaCatalog.pikaffects),
            "options": S.object([
                "aspectRatio": S.number(minimum: 0.4, maximum: 2.5), "frameRate": S.integer(minimum: 8, maximum: 24),
                "camera": S.object([
                    "pan": S.string(maxLength: 20), "tilt": S.string(maxLength: 20), "rotate": S.string(maxLength: 20),
                    "zoom": S.string(maxLength: 20),
                ]),
                "parameters": S.object([
                    "guidanceScale": S.number(minimum: 5, maximum: 25), "motion": S.integer(minimum: 0, maximum: 4),
                    "negativePrompt": S.string(maxLength: 1_000), "seed": S.integer(minimum: 0, maximum: Int(UInt32.max)),
                ]),
                "extend": S.boolean(), "duration": S.integer(minimum: 5, maximum: 10), "resolution": S.string(oneOf: PikaCatalog.resolutions),
            ]),
            "webhookUrl": S.string("Posted the feed object when the video has an outcome", maxLength: 2_048, format: "uri"),
        ])

    private static let pikaFeed = S.object(
        [
            "id": S.string(), "promptText": S.string(),
            "videos": S.array(
                S.object(
                    [
                        "id": S.string(), "status": S.string(oneOf: ["queued", "pending", "finished", "error"]), "seed": S.nullable(S.integer()),
                        "resultUrl": S.nullable(S.string(format: "uri")), "sharingUrl": S.nullable(S.string()), "videoPoster": S.nullable(S.string()),
                        "imageThumb": S.nullable(S.string()), "duration": S.integer(), "error": S.nullable(S.string()),
                        "progress": S.nullable(S.number()),
                    ], required: ["id", "status"])),
        ], required: ["id", "videos"])

    static let pikaOperations: [OpenAPIOperation] = [
        OpenAPIOperation(
            method: .post, path: "/pika/generate", family: .pika, summary: "A video (text, image or pikaffect)", body: .json(pikaGenerate),
            answer: .json(S.object(["id": S.string()], required: ["id"]))),
        OpenAPIOperation(
            method: .get, path: "/pika/feed/{id}", family: .pika, summary: "One of your videos", answer: .json(pikaFeed)),
    ]
}

extension OpenAPIGroup {
    static let pika = OpenAPIGroup(
        tag: "Pika", errorSchema: "PikaError",
        errorBody: OpenAPISchema.object(
            [
                "error": OpenAPISchema.object(
                    ["message": OpenAPISchema.string(), "type": OpenAPISchema.string(), "code": OpenAPISchema.string()], required: ["message"])
            ], required: ["error"], "The relay's OpenAI-style error"),
        security: OpenAPIGroup.bearer)
}
