/// Validation of text/image-to-video requests (`POST /generations` and `POST /generations/video`).
enum LumaVideoRequest {
    /// Validates a RequestGenerationRequest body and plans the generation.
    /// - Parameter generationExists: whether an id names a generation of this emulator (keyframe references).
    static func plan(_ body: EmulatorJSONFields, generationExists: (String) -> Bool) throws -> LumaGenerationPlan {
        _ = try body.choice("generation_type", from: [LumaGenerationKind.video.rawValue])
        let model = try body.choice("model", from: LumaCatalog.videoModels) ?? LumaCatalog.defaultVideoModel
        let prompt = try body.string("prompt")
        let aspectRatio = try body.choice("aspect_ratio", from: LumaCatalog.aspectRatios)
        let loop = try body.bool("loop") ?? false
        let keyframes = try self.keyframes(body, generationExists: generationExists)
        let callbackURL = try body.url("callback_url")
        let resolution = try nonEmpty(body, "resolution")
        let duration = try nonEmpty(body, "duration")
        let concepts = try body.objects("concepts")?.map { concept -> EmulatorJSON in
            .object([("key", .string(try concept.string("key", required: true) ?? ""))])
        }

        // A video needs something to start from: words or a keyframe.
        if (prompt ?? "").isEmpty && keyframes == .null {
            throw EmulatorHTTPError.badRequest("prompt: Field required when no keyframes are given")
        }

        return LumaGenerationPlan(
            kind: .video,
            model: model,
            request: .object([
                ("generation_type", .string(LumaGenerationKind.video.rawValue)),
                ("prompt", .from(prompt)),
                ("aspect_ratio", .string(aspectRatio ?? LumaCatalog.defaultAspectRatio)),
                ("loop", .bool(loop)),
                ("keyframes", keyframes),
                ("callback_url", .from(callbackURL)),
                ("model", .string(model)),
                ("resolution", .from(resolution)),
                ("duration", .from(duration)),
                ("concepts", concepts.map { .array($0) } ?? .null),
            ])
        )
    }

    /// The validated `keyframes` object, `null` when absent.
    ///
    /// Each frame is `{type: image, url}` or `{type: generation, id}`; a generation reference must name a
    /// generation this emulator holds, as the real API can only extend its own generations.
    private static func keyframes(
        _ body: EmulatorJSONFields,
        generationExists: (String) -> Bool
    ) throws -> EmulatorJSON {
        guard let keyframes = try body.object("keyframes") else { return .null }
        var frames: [(String, EmulatorJSON)] = []
        for key in ["frame0", "frame1"] {
            guard let frame = try keyframes.object(key) else { continue }
            switch try frame.choice("type", from: ["image", "generation"], required: true) {
            case "generation":
                let id = try frame.string("id", required: true) ?? ""
                guard generationExists(id) else {
                    throw EmulatorHTTPError.badRequest("\(frame.name("id")): Generation \(id) not found")
                }
                frames.append((key, .object([("type", .string("generation")), ("id", .string(id))])))
            default:
                let url = try frame.url("url", required: true) ?? ""
                frames.append((key, .object([("type", .string("image")), ("url", .string(url))])))
            }
        }
        guard !frames.isEmpty else {
            throw EmulatorHTTPError.badRequest("keyframes: At least one of frame0 and frame1 is required")
        }
        return .object(frames)
    }

    /// A string field that, when present, must not be empty (resolution, duration accept open-ended values).
    private static func nonEmpty(_ body: EmulatorJSONFields, _ key: String) throws -> String? {
        guard let text = try body.string(key) else { return nil }
        guard !text.isEmpty else { throw EmulatorHTTPError.badRequest("\(key): Input should not be empty") }
        return text
    }
}
