/// Validation of image requests (`POST /generations/image`).
enum LumaImageRequest {
    /// Validates a RequestImageGenerationRequest body and plans the generation.
    static func plan(_ body: EmulatorJSONFields) throws -> LumaGenerationPlan {
        _ = try body.choice("generation_type", from: [LumaGenerationKind.image.rawValue])
        let model = try body.choice("model", from: LumaCatalog.imageModels) ?? LumaCatalog.defaultImageModel
        guard let prompt = try body.string("prompt", required: true), !prompt.isEmpty else {
            throw EmulatorHTTPError.badRequest("prompt: Input should not be empty")
        }
        let aspectRatio = try body.choice("aspect_ratio", from: LumaCatalog.aspectRatios)
        let callbackURL = try body.url("callback_url")
        let format = try body.choice("format", from: LumaCatalog.imageFormats)
        let sync = try body.bool("sync")
        let syncTimeout = try body.number("sync_timeout")

        return LumaGenerationPlan(
            kind: .image,
            model: model,
            request: .object([
                ("generation_type", .string(LumaGenerationKind.image.rawValue)),
                ("model", .string(model)),
                ("prompt", .string(prompt)),
                ("aspect_ratio", .string(aspectRatio ?? LumaCatalog.defaultAspectRatio)),
                ("callback_url", .from(callbackURL)),
                ("image_ref", try references(body, "image_ref")),
                ("style_ref", try references(body, "style_ref")),
                ("character_ref", try characterReference(body)),
                ("modify_image_ref", try reference(body.object("modify_image_ref"))),
                ("format", .from(format)),
                ("sync", .from(sync)),
                ("sync_timeout", .from(syncTimeout)),
            ]),
            // Synchronous mode answers with the finished image instead of a queued generation.
            finishedAtCreation: sync ?? false,
            imageExtension: format ?? "jpg"
        )
    }

    /// A list of `{url, weight}` references, `null` when absent.
    private static func references(_ body: EmulatorJSONFields, _ key: String) throws -> EmulatorJSON {
        guard let elements = try body.objects(key) else { return .null }
        return .array(try elements.map { try reference($0) })
    }

    /// One `{url, weight}` reference, `null` when absent.
    private static func reference(_ fields: EmulatorJSONFields?) throws -> EmulatorJSON {
        guard let fields else { return .null }
        return .object([
            ("url", .string(try fields.url("url", required: true) ?? "")),
            ("weight", .from(try fields.number("weight"))),
        ])
    }

    /// The `character_ref` object (`{identity0: {images: [url]}}`), `null` when absent.
    private static func characterReference(_ body: EmulatorJSONFields) throws -> EmulatorJSON {
        guard let characters = try body.object("character_ref") else { return .null }
        guard let identity = try characters.object("identity0") else { return .object([("identity0", .null)]) }
        let images = try identity.array("images")?.enumerated().map { index, element -> EmulatorJSON in
            guard case .string(let url) = element else {
                let name = "\(identity.name("images")).\(index)"
                throw EmulatorHTTPError.unprocessable("\(name): Input should be a valid string")
            }
            return .string(url)
        }
        return .object([("identity0", .object([("images", images.map { .array($0) } ?? .null)]))])
    }
}
