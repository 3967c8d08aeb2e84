/// Midjourney's routes in the OpenAPI document, under `/mj` and each speed prefix, with the fields, enums and bounds
/// of `MidjourneyRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    /// The proxy's submit answer (HTTP 200 whatever the outcome; `code` tells it).
    private static let mjSubmitResult = S.object(
        [
            "code": S.integer("1 submitted, 21 exists or waiting for a modal, 22 queued, 23 queue full, 24 banned prompt, 3 no account, 4 invalid"),
            "description": S.string(), "result": .object(["description": "The task id (an array of URLs for uploads)"]),
            "properties": S.anyObject,
        ], required: ["code", "description"])
    private static let mjTask = S.object(
        [
            "id": S.string(), "action": S.string(oneOf: MidjourneyAction.allCases.map(\.rawValue)), "status": S.string(),
            "progress": S.string(), "submitTime": S.integer("Epoch milliseconds"), "buttons": S.array(S.anyObject),
        ], required: ["id", "status"])
    private static let dataURI = S.string("An image as a data URI (data:image/png;base64,...)", minLength: 1)
    private static let notifyHook = S.nullable(S.string("Called with the task on every change", maxLength: 2_048, format: "uri"))
    private static let botType = S.string(oneOf: MidjourneyRequestValidator.botTypes)
    private static let prompt = S.string(minLength: 1, maxLength: MidjourneyRequestValidator.maxPromptLength)

    /// The fields every submit shares.
    private static func mjBody(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        let common: [(String, JSONValue)] = [("notifyHook", notifyHook), ("state", S.string(maxLength: 4_096))]
        return .object(
            JSONObject([
                ("type", "object"), ("properties", .object(JSONObject(properties + common))), ("required", .array(required.map(JSONValue.string))),
            ]))
    }

    /// Every Midjourney route under `prefix` (`""` or `/mj-fast`…).
    private static func midjourneyOperations(_ prefix: String) -> [OpenAPIOperation] {
        let base = "\(prefix)/mj"
        let tier = prefix.isEmpty ? "" : " (\(prefix.dropFirst()) tier)"
        func submit(_ path: String, _ summary: String, _ body: JSONValue) -> OpenAPIOperation {
            .init(method: .post, path: base + path, family: .midjourney, summary: summary + tier, body: .json(body), answer: .json(mjSubmitResult))
        }
        return [
            submit(
                "/submit/imagine", "Imagine: four images from a prompt",
                mjBody(
                    [
                        ("prompt", prompt), ("base64Array", S.array(dataURI, maxItems: MidjourneyRequestValidator.maxImagineImages)),
                        ("botType", botType),
                    ],
                    required: ["prompt"])),
            submit(
                "/submit/action", "Press a button (upscale, variation, reroll, pan, zoom, custom zoom, inpaint) of one of your tasks",
                mjBody(
                    [
                        ("taskId", S.string(minLength: 1, maxLength: 100)), ("customId", S.string(minLength: 1, maxLength: 500)),
                        ("chooseSameChannel", S.boolean()),
                    ],
                    required: ["taskId", "customId"])),
            submit(
                "/submit/modal", "Finish a task waiting for a modal (code 21): its prompt or inpaint mask",
                S.object(
                    [
                        "taskId": S.string(minLength: 1, maxLength: 100), "prompt": S.string(maxLength: MidjourneyRequestValidator.maxPromptLength),
                        "maskBase64": dataURI,
                    ],
                    required: ["taskId"])),
            submit(
                "/submit/blend", "Blend two to five images",
                mjBody(
                    [
                        ("base64Array", S.array(dataURI, minItems: 2, maxItems: 5)),
                        ("dimensions", S.string(oneOf: MidjourneyRequestValidator.dimensions)), ("botType", botType),
                    ],
                    required: ["base64Array"])),
            submit(
                "/submit/describe", "Four prompts describing an image", mjBody([("base64", dataURI), ("botType", botType)], required: ["base64"])),
            submit("/submit/shorten", "Shorter versions of a prompt", mjBody([("prompt", prompt), ("botType", botType)], required: ["prompt"])),
            submit(
                "/submit/video", "A short video from a start image",
                mjBody(
                    [
                        ("prompt", prompt), ("image", dataURI), ("endImage", dataURI),
                        ("motion", S.string(oneOf: MidjourneyRequestValidator.motions)),
                        ("loop", S.boolean()),
                    ], required: ["prompt", "image"])),
            submit(
                "/submit/edits", "An image edited by a prompt, within an optional mask",
                mjBody([("prompt", prompt), ("image", dataURI), ("maskBase64", dataURI)], required: ["prompt", "image"])),
            submit(
                "/insight-face/swap", "Swap the face of one image into another",
                mjBody([("sourceBase64", dataURI), ("targetBase64", dataURI)], required: ["sourceBase64", "targetBase64"])),
            submit(
                "/submit/upload-discord-images", "Upload images; the answer's result lists their URLs",
                S.object(["base64Array": S.array(dataURI, minItems: 1, maxItems: 5)], required: ["base64Array"])),
            .init(method: .get, path: base + "/task/{id}/fetch", family: .midjourney, summary: "One of your tasks" + tier, answer: .json(mjTask)),
            .init(
                method: .post, path: base + "/task/list-by-condition", family: .midjourney, summary: "Your tasks among the ids" + tier,
                body: .json(S.object(["ids": S.array(S.string(), maxItems: 100)])), answer: .json(S.array(mjTask))),
            .init(
                method: .get, path: base + "/task/{id}/image-seed", family: .midjourney, summary: "The seed of a finished image" + tier,
                answer: .json(mjSubmitResult)),
        ]
    }

    static let midjourneyOperations: [OpenAPIOperation] =
        midjourneyOperations("") + MidjourneySettings().tiers.flatMap { midjourneyOperations("/\($0)") }
}

extension OpenAPIGroup {
    static let midjourney = OpenAPIGroup(
        tag: "Midjourney", errorSchema: "MidjourneyError",
        errorBody: OpenAPISchema.object(
            [
                "code": OpenAPISchema.integer(), "description": OpenAPISchema.string(), "result": OpenAPISchema.constant(.null),
                "properties": OpenAPISchema.anyObject,
            ], required: ["code", "description"], "The proxy's submit envelope, refusing"),
        security: OpenAPIGroup.bearer)
}

extension MidjourneyModule: DocumentedFamily {
    var openAPIOperations: [OpenAPIOperation] { OpenAPIDocument.midjourneyOperations }
}
