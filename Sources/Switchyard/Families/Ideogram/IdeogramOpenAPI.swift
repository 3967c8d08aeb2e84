/// Ideogram's routes in the OpenAPI document, with the fields, enums and bounds of `IdeogramRequestValidator`.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    private static let ideogramImages = OpenAPIOperation.Answer.json(
        S.object(
            [
                "created": S.string("When the images were made (ISO-8601)", format: "date-time"),
                "data": S.array(
                    S.object([
                        "url": S.url, "prompt": S.string(), "resolution": S.string("WIDTHxHEIGHT"), "seed": S.integer(),
                        "style_type": S.nullable(S.string()), "is_image_safe": S.boolean("False for an image that failed the safety check"),
                    ])),
            ], required: ["created", "data"]))

    private static let ideogramSeed = S.integer(minimum: 0, maximum: 2_147_483_647)
    private static let ideogramCount = S.integer("Images to make; each is priced", minimum: 1, maximum: 8)
    private static let ideogramFile = S.string("A JPEG, PNG or WebP image", format: "binary")

    /// The fields of a legacy `image_request`.
    private static func ideogramImageRequest(imageWeight: Bool = false) -> JSONValue {
        var properties: [(String, JSONValue)] = [
            ("prompt", S.string(minLength: 1, maxLength: 10_000)), ("model", S.string(oneOf: IdeogramSettings().models)),
            ("aspect_ratio", S.string("Exclusive with resolution", oneOf: IdeogramSettings.aspectRatios)),
            ("resolution", S.string("RESOLUTION_W_H (V_2 and later); exclusive with aspect_ratio", maxLength: 40)),
            ("magic_prompt_option", S.string(oneOf: IdeogramSettings.magicPromptOptions)),
            ("style_type", S.string("V_2 and later", oneOf: IdeogramSettings.styleTypes)), ("negative_prompt", S.string(maxLength: 10_000)),
            ("num_images", ideogramCount), ("seed", ideogramSeed),
            ("color_palette", S.object(["name": S.string(oneOf: IdeogramImageRequest.paletteNames), "members": S.array(S.anyObject, maxItems: 5)])),
        ]
        if imageWeight { properties.append(("image_weight", S.integer(minimum: 1, maximum: 100))) }
        return .object(["type": "object", "properties": .object(JSONObject(properties)), "required": .array(["prompt"])])
    }

    private static func ideogramForm(_ properties: [(String, JSONValue)], required: [String]) -> JSONValue {
        .object(["type": "object", "properties": .object(JSONObject(properties)), "required": .array(required.map(JSONValue.string))])
    }

    /// The 3.0 form of `action`.
    private static func ideogramVersion3Form(_ action: IdeogramAction) -> JSONValue {
        var properties: [(String, JSONValue)] = [
            ("seed", ideogramSeed), ("num_images", ideogramCount),
            ("rendering_speed", S.string("Sets the price: TURBO, DEFAULT (default) or QUALITY", oneOf: IdeogramSettings.renderingSpeeds)),
        ]
        var required: [String] = []
        if action != .reframe {
            properties += [
                ("prompt", S.string(minLength: 1, maxLength: 10_000)), ("magic_prompt", S.string(oneOf: IdeogramSettings.magicPromptOptions)),
            ]
            required.append("prompt")
        }
        if action != .generate {
            properties.append(("image", ideogramFile))
            required.append("image")
        }
        if action == .edit {
            properties.append(("mask", ideogramFile))
            required.append("mask")
        }
        if [.generate, .remix].contains(action) {
            properties += [
                ("negative_prompt", S.string(maxLength: 10_000)), ("style_type", S.string(oneOf: IdeogramSettings.version3StyleTypes)),
                ("style_reference_images", S.array(ideogramFile, maxItems: 3)),
            ]
        }
        if action == .remix { properties.append(("image_weight", S.integer(minimum: 1, maximum: 100))) }
        if [.generate, .remix].contains(action) {
            properties.append(("aspect_ratio", S.string("Exclusive with resolution", oneOf: IdeogramSettings.version3AspectRatios)))
        }
        if [.generate, .remix, .reframe].contains(action) {
            properties.append(("resolution", S.string("WIDTHxHEIGHT, sides 256–2048 in steps of 16", maxLength: 20)))
            if action == .reframe { required.append("resolution") }
        }
        return ideogramForm(properties, required: required)
    }

    static let ideogramOperations: [OpenAPIOperation] = {
        let imageRequestText = S.string("The image_request object as a JSON string", maxLength: 20_000)
        var operations: [OpenAPIOperation] = [
            .init(
                method: .post, path: "/ideogram/generate", family: .ideogram, summary: "Images from a prompt (answered when made)",
                body: .json(S.object(["image_request": ideogramImageRequest()], required: ["image_request"])), answer: ideogramImages),
            .init(
                method: .post, path: "/ideogram/remix", family: .ideogram, summary: "Images from an image and a prompt",
                body: .multipart(
                    ideogramForm([("image_file", ideogramFile), ("image_request", imageRequestText)], required: ["image_file", "image_request"])),
                answer: ideogramImages),
            .init(
                method: .post, path: "/ideogram/edit", family: .ideogram, summary: "Repaint the masked part of an image (V_2, V_2_TURBO)",
                body: .multipart(
                    ideogramForm(
                        [
                            ("image_file", ideogramFile), ("mask", ideogramFile), ("prompt", S.string(minLength: 1, maxLength: 10_000)),
                            ("model", S.string(oneOf: IdeogramSettings().editModels)),
                            ("magic_prompt_option", S.string(oneOf: IdeogramSettings.magicPromptOptions)),
                            ("style_type", S.string(oneOf: IdeogramSettings.styleTypes)), ("num_images", ideogramCount), ("seed", ideogramSeed),
                        ], required: ["image_file", "mask", "prompt", "model"])),
                answer: ideogramImages),
            .init(
                method: .post, path: "/ideogram/upscale", family: .ideogram, summary: "A larger image (image_request: prompt, resemblance, detail…)",
                body: .multipart(ideogramForm([("image_file", ideogramFile), ("image_request", imageRequestText)], required: ["image_file"])),
                answer: ideogramImages),
            .init(
                method: .post, path: "/ideogram/describe", family: .ideogram, summary: "Descriptions of an image",
                body: .multipart(ideogramForm([("image_file", ideogramFile)], required: ["image_file"])),
                answer: .json(S.object(["descriptions": S.array(S.object(["text": S.string()]))], required: ["descriptions"]))),
        ]
        for action in IdeogramAction.version3 {
            guard let segment = action.version3Segment else { continue }
            operations.append(
                .init(
                    method: .post, path: "/ideogram" + IdeogramAction.version3Prefix + segment, family: .ideogram,
                    summary: "Ideogram 3.0 \(segment), priced by rendering_speed", body: .multipart(ideogramVersion3Form(action)),
                    answer: ideogramImages))
        }
        return operations
    }()
}

extension OpenAPIGroup {
    static let ideogram = OpenAPIGroup(
        tag: "Ideogram", errorSchema: "IdeogramError",
        errorBody: OpenAPISchema.object(["detail": OpenAPISchema.string()], required: ["detail"], "Ideogram's error object"),
        security: OpenAPIGroup.bearer)
}
