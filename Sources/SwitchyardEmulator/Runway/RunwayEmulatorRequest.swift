/// Validation of Runway's create bodies, as Runway's schema judges them: a wrong model, ratio, duration, seed, a
/// prompt over 1000 characters or a media URI that is neither HTTPS nor a data URI is a 400.
enum RunwayEmulatorRequest {
    typealias Catalog = RunwayEmulatorCatalog

    /// The routes the emulator creates tasks on.
    static let routes = ["image_to_video", "text_to_image", "video_to_video", "video_upscale", "character_performance"]

    /// Validates `body` for `route` and plans the task.
    static func plan(_ route: String, _ body: EmulatorJSONFields) throws -> RunwayTaskPlan {
        let model: String
        switch route {
        case "image_to_video":
            model = try body.choice("model", from: Catalog.imageToVideoRatios.keys.sorted(), required: true) ?? ""
            try promptImage(body, lastFrame: model == "gen3a_turbo")
            _ = try body.choice("ratio", from: Catalog.imageToVideoRatios[model] ?? [], required: true)
            if let duration = try body.int("duration"), ![5, 10].contains(duration) {
                throw EmulatorHTTPError.badRequest("duration: Expected 5 or 10")
            }
        case "text_to_image":
            model = try body.choice("model", from: Catalog.imageModels, required: true) ?? ""
            _ = try body.string("promptText", required: true)
            _ = try body.choice("ratio", from: Catalog.imageRatios, required: true)
            let references = try body.objects("referenceImages") ?? []
            if model == "gen4_image_turbo", references.isEmpty {
                throw EmulatorHTTPError.badRequest("referenceImages: gen4_image_turbo requires at least one reference image")
            }
            for reference in references { try media(reference, "uri", required: true) }
        case "video_to_video":
            model = try body.choice("model", from: ["gen4_aleph"], required: true) ?? ""
            try media(body, "videoUri", required: true)
            _ = try body.string("promptText", required: true)
            _ = try body.choice("ratio", from: Catalog.videoToVideoRatios)
        case "video_upscale":
            model = try body.choice("model", from: ["upscale_v1"], required: true) ?? ""
            try media(body, "videoUri", required: true)
        default:
            model = try body.choice("model", from: ["act_two"], required: true) ?? ""
            for key in ["character", "reference"] {
                guard let part = try body.object(key, required: true) else { continue }
                _ = try part.choice("type", from: key == "character" ? ["image", "video"] : ["video"], required: true)
                try media(part, "uri", required: true)
            }
            _ = try body.choice("ratio", from: Catalog.characterRatios)
            if let intensity = try body.int("expressionIntensity"), !(1...5).contains(intensity) {
                throw EmulatorHTTPError.badRequest("expressionIntensity: Expected an integer from 1 to 5")
            }
        }
        let prompt = try body.string("promptText") ?? ""
        if prompt.count > 1_000 { throw EmulatorHTTPError.badRequest("promptText: String must contain at most 1000 character(s)") }
        if let seed = try body.int("seed"), !(0...4_294_967_295).contains(seed) {
            throw EmulatorHTTPError.badRequest("seed: Expected an integer from 0 to 4294967295")
        }
        let lowered = prompt.lowercased()
        return RunwayTaskPlan(
            route: route, model: model, makesImage: route == "text_to_image", refusedByModeration: lowered.contains(Catalog.safetyMarker),
            throttled: lowered.contains(Catalog.throttledMarker))
    }

    /// `promptImage`: a URI, or one or two `{uri, position}` with distinct positions.
    private static func promptImage(_ body: EmulatorJSONFields, lastFrame: Bool) throws {
        guard let value = body.value("promptImage") else { throw EmulatorHTTPError.badRequest("promptImage: Required") }
        if case .string(let uri) = value {
            try check(uri, "promptImage")
            return
        }
        guard let images = try body.objects("promptImage"), (1...2).contains(images.count) else {
            throw EmulatorHTTPError.badRequest("promptImage: Expected a URI or one or two images with a position")
        }
        var positions: Set<String> = []
        for image in images {
            try media(image, "uri", required: true)
            let position = try image.choice("position", from: lastFrame ? ["first", "last"] : ["first"], required: true) ?? ""
            guard positions.insert(position).inserted else { throw EmulatorHTTPError.badRequest("promptImage: position \(position) given twice") }
        }
    }

    private static func media(_ fields: EmulatorJSONFields, _ key: String, required: Bool) throws {
        guard let uri = try fields.string(key, required: required) else { return }
        try check(uri, fields.name(key))
    }

    private static func check(_ uri: String, _ name: String) throws {
        let lowered = uri.prefix(16).lowercased()
        guard (lowered.hasPrefix("https://") && uri.count > 8) || lowered.hasPrefix("data:") else {
            throw EmulatorHTTPError.badRequest("\(name): Invalid URL. Expected an HTTPS URL or a data URI")
        }
    }
}
