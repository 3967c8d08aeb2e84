/// Recraft's routes in the OpenAPI document, with the fields, enums and bounds of the Recraft validators.
extension OpenAPIDocument {
    private typealias S = OpenAPISchema

    private static let recraftColor = S.object(["rgb": S.array(S.integer(minimum: 0, maximum: 255), minItems: 3, maxItems: 3)], required: ["rgb"])

    private static let recraftImages = OpenAPIOperation.Answer.json(
        S.object(
            [
                "created": S.integer("Epoch seconds"),
                "data": S.array(S.object(["url": S.string(), "b64_json": S.string(), "image_id": S.string()])),
            ], required: ["created", "data"]))

    private static let recraftImage = OpenAPIOperation.Answer.json(
        S.object(["image": S.object(["url": S.string(), "b64_json": S.string()])], required: ["image"]))

    private static let recraftGeneration: JSONValue = {
        let settings = RecraftSettings()
        let controls = S.object([
            "colors": S.array(recraftColor, maxItems: 20), "background_color": recraftColor,
            "artistic_level": S.integer(minimum: 0, maximum: 5), "no_text": S.boolean(),
        ])
        let point = S.array(S.number(minimum: 0, maximum: 1), minItems: 2, maxItems: 2)
        let layout = S.array(
            S.object(
                ["text": S.string(minLength: 1, maxLength: 200), "bbox": S.array(point, minItems: 4, maxItems: 4)], required: ["text", "bbox"]),
            maxItems: 20)
        return S.object(
            [
                "prompt": S.string(minLength: 1, maxLength: RecraftRequestValidator.promptLimit), "n": S.integer(minimum: 1, maximum: 2),
                "model": S.string(oneOf: settings.models),
                "style": S.string("A style of the model (icon: recraftv2 only; logo_raster: recraftv3 only)", oneOf: RecraftSettings.allStyles),
                "substyle": S.string("A substyle of the style on the model", maxLength: 100),
                "style_id": S.string("One of your styles (POST /recraft/v1/styles); not with style", minLength: 1, maxLength: 100),
                "size": S.string(oneOf: settings.sizes), "negative_prompt": S.string(maxLength: RecraftRequestValidator.promptLimit),
                "response_format": S.string(oneOf: RecraftRequestValidator.responseFormats), "controls": controls, "text_layout": layout,
            ], required: ["prompt"])
    }()

    private static func recraftTool(_ operation: RecraftOperation) -> OpenAPIOperation {
        .init(
            method: .post, path: "/recraft/v1" + operation.path, family: .recraft, summary: "The \(operation.rawValue) tool on one image",
            body: .multipart(
                S.object(
                    ["file": S.string("The image", format: "binary"), "response_format": S.string(oneOf: RecraftRequestValidator.responseFormats)],
                    required: ["file"])),
            answer: recraftImage)
    }

    private static func recraftEdit(_ operation: RecraftOperation, summary: String) -> OpenAPIOperation {
        var properties: [(String, JSONValue)] = [
            ("image", S.string("The image", format: "binary")), ("prompt", S.string(minLength: 1, maxLength: RecraftRequestValidator.promptLimit)),
            ("n", S.string("1 or 2", oneOf: ["1", "2"])), ("model", S.string(oneOf: RecraftSettings().models)),
            ("style", S.string(oneOf: RecraftSettings.allStyles)), ("substyle", S.string(maxLength: 100)),
            ("style_id", S.string("One of your styles", minLength: 1, maxLength: 100)),
            ("negative_prompt", S.string(maxLength: RecraftRequestValidator.promptLimit)),
            ("response_format", S.string(oneOf: RecraftRequestValidator.responseFormats)),
        ]
        var required = ["image", "prompt"]
        if operation == .imageToImage {
            properties.append(("strength", S.string("A number between 0 and 1")))
            required.append("strength")
        }
        if operation == .inpaint {
            properties.append(("mask", S.string("The mask: white where the image is redrawn", format: "binary")))
            required.append("mask")
        }
        let schema: JSONValue = .object([
            "type": "object", "properties": .object(JSONObject(properties)), "required": .array(required.map(JSONValue.string)),
        ])
        return .init(
            method: .post, path: "/recraft/v1" + operation.path, family: .recraft, summary: summary, body: .multipart(schema), answer: recraftImages)
    }

    static let recraftOperations: [OpenAPIOperation] = [
        .init(
            method: .post, path: "/recraft/v1/images/generations", family: .recraft, summary: "Images from a prompt (SVG for vector styles)",
            body: .json(recraftGeneration), answer: recraftImages),
        recraftEdit(.imageToImage, summary: "A new image from an image and a prompt"),
        recraftEdit(.inpaint, summary: "Redraws the masked part of an image"),
        recraftEdit(.replaceBackground, summary: "A new background for an image"),
        recraftTool(.vectorize), recraftTool(.removeBackground), recraftTool(.clarityUpscale), recraftTool(.generativeUpscale),
        .init(
            method: .post, path: "/recraft/v1/styles", family: .recraft, summary: "A style of your own from 1 to 5 images",
            body: .multipart(
                S.object(
                    [
                        "style": S.string(oneOf: RecraftSettings.customStyleBases),
                        "files": S.array(S.string(format: "binary"), minItems: 1, maxItems: RecraftFormValidator.styleFileLimit),
                    ], required: ["style", "files"])),
            answer: .json(S.object(["id": S.string()], required: ["id"]))),
    ]
}

extension OpenAPIGroup {
    static let recraft = OpenAPIGroup(
        tag: "Recraft", errorSchema: "RecraftError",
        errorBody: OpenAPISchema.object(
            ["code": OpenAPISchema.string(), "message": OpenAPISchema.string()], required: ["code", "message"], "Recraft's error object"),
        security: OpenAPIGroup.bearer)
}
