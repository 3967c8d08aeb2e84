/// Validates each Runway create body against Runway's field rules and builds the call to run; every problem is a
/// 400 naming the field (in the issues of Runway's error body), before anything is held.
struct RunwayRequestValidator: Sendable {
    typealias Catalog = RunwayCatalog

    /// `POST /v1/image_to_video`.
    func imageToVideo(_ body: JSONObject, version: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let model = try fields.string("model", required: true, allowed: Catalog.imageToVideoRatios.keys.sorted()) ?? ""
        let promptImage = try Self.promptImage(body["promptImage"], lastFrameAllowed: Catalog.lastFrameModels.contains(model))
        let ratio = try fields.string("ratio", required: true, allowed: Catalog.imageToVideoRatios[model] ?? []) ?? ""
        let duration = try fields.int("duration") ?? Catalog.defaultDuration
        guard Catalog.durations.contains(duration) else {
            throw GatewayError.validation(field: "duration", "must be one of \(Catalog.durations.map(String.init).joined(separator: ", "))")
        }
        var upstream: JSONObject = ["model": .string(model), "promptImage": promptImage, "ratio": .string(ratio), "duration": .int(duration)]
        try Self.common(fields, into: &upstream)
        return call("image_to_video", model: model, upstream, version: version, seconds: duration)
    }

    /// `POST /v1/text_to_image`: priced per image by its resolution.
    func textToImage(_ body: JSONObject, version: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let model = try fields.string("model", required: true, allowed: Catalog.imageModels) ?? ""
        let prompt = try fields.string("promptText", required: true, maxLength: Catalog.maxPromptLength) ?? ""
        let ratio = try fields.string("ratio", required: true, allowed: Catalog.imageRatios) ?? ""
        var upstream: JSONObject = ["model": .string(model), "promptText": .string(prompt), "ratio": .string(ratio)]
        let references = try fields.objects("referenceImages", maxCount: 3) ?? []
        if model == "gen4_image_turbo", references.isEmpty {
            throw GatewayError.validation(field: "referenceImages", "gen4_image_turbo needs at least one reference image")
        }
        if !references.isEmpty {
            upstream["referenceImages"] = .array(
                try references.map { reference in
                    var image: JSONObject = ["uri": .string(try Self.uri(reference, "uri", required: true) ?? "")]
                    if let tag = try reference.string("tag", maxLength: 16) { image["tag"] = .string(tag) }
                    return .object(image)
                })
        }
        try Self.seedAndModeration(fields, into: &upstream)
        var call = call("text_to_image", model: model, upstream, version: version, seconds: nil)
        call.priceFacts["resolution"] = Catalog.imageRatios720p.contains(ratio) ? "720p" : "1080p"
        return call
    }

    /// `POST /v1/video_to_video`: a new look for the caller's video.
    func videoToVideo(_ body: JSONObject, version: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let model = try fields.string("model", required: true, allowed: [Catalog.videoToVideoModel]) ?? ""
        let video = try Self.uri(fields, "videoUri", required: true) ?? ""
        let prompt = try fields.string("promptText", required: true, maxLength: Catalog.maxPromptLength) ?? ""
        var upstream: JSONObject = ["model": .string(model), "videoUri": .string(video), "promptText": .string(prompt)]
        if let ratio = try fields.string("ratio", allowed: Catalog.videoToVideoRatios) { upstream["ratio"] = .string(ratio) }
        if let references = try fields.objects("references", maxCount: 1) {
            upstream["references"] = .array(
                try references.map { reference in
                    let type = try reference.string("type", required: true, allowed: ["image"]) ?? "image"
                    return .object(["type": .string(type), "uri": .string(try Self.uri(reference, "uri", required: true) ?? "")])
                })
        }
        try Self.seedAndModeration(fields, into: &upstream)
        return call("video_to_video", model: model, upstream, version: version, seconds: Catalog.pricedSeconds[model])
    }

    /// `POST /v1/video_upscale`: four times the resolution, up to 4K.
    func videoUpscale(_ body: JSONObject, version: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let model = try fields.string("model", required: true, allowed: [Catalog.upscaleModel]) ?? ""
        let video = try Self.uri(fields, "videoUri", required: true) ?? ""
        let upstream: JSONObject = ["model": .string(model), "videoUri": .string(video)]
        return call("video_upscale", model: model, upstream, version: version, seconds: Catalog.pricedSeconds[model])
    }

    /// `POST /v1/character_performance`: a character (image or video) acting out a reference performance.
    func characterPerformance(_ body: JSONObject, version: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let model = try fields.string("model", required: true, allowed: [Catalog.characterModel]) ?? ""
        guard let character = try fields.object("character", required: true), let reference = try fields.object("reference", required: true)
        else { throw GatewayError.validation(field: "character", "is required") }
        let characterType = try character.string("type", required: true, allowed: ["image", "video"]) ?? ""
        let referenceType = try reference.string("type", required: true, allowed: ["video"]) ?? ""
        var upstream: JSONObject = [
            "model": .string(model),
            "character": .object(["type": .string(characterType), "uri": .string(try Self.uri(character, "uri", required: true) ?? "")]),
            "reference": .object(["type": .string(referenceType), "uri": .string(try Self.uri(reference, "uri", required: true) ?? "")]),
        ]
        if let ratio = try fields.string("ratio", allowed: Catalog.characterRatios) { upstream["ratio"] = .string(ratio) }
        if let bodyControl = try fields.bool("bodyControl") { upstream["bodyControl"] = .bool(bodyControl) }
        if let intensity = try fields.int("expressionIntensity", range: 1...5) { upstream["expressionIntensity"] = .int(intensity) }
        try Self.seedAndModeration(fields, into: &upstream)
        return call("character_performance", model: model, upstream, version: version, seconds: Catalog.pricedSeconds[model])
    }

    /// The call for `route`: the validated body goes upstream as it is; `seconds` of output price it.
    private func call(_ route: String, model: String, _ upstream: JSONObject, version: String, seconds: Int?) -> TaskCall {
        let request: JSONObject = ["route": .string(route), "version": .string(version), "body": .object(upstream)]
        var call = TaskCall(action: route, model: model, request: request, path: "/v1/\(route)", upstreamBody: upstream)
        if let seconds { call.priceFacts["duration"] = String(seconds) }
        return call
    }

    /// `promptText`, `seed` and `contentModeration`, shared by the video routes.
    private static func common(_ fields: JSONFieldReader, into upstream: inout JSONObject) throws {
        if let prompt = try fields.string("promptText", maxLength: Catalog.maxPromptLength) { upstream["promptText"] = .string(prompt) }
        try seedAndModeration(fields, into: &upstream)
    }

    private static func seedAndModeration(_ fields: JSONFieldReader, into upstream: inout JSONObject) throws {
        if let seed = try fields.int("seed", range: 0...Catalog.maxSeed) { upstream["seed"] = .int(seed) }
        if let moderation = try fields.object("contentModeration") {
            var object = JSONObject()
            if let threshold = try moderation.string("publicFigureThreshold", allowed: ["auto", "low"]) {
                object["publicFigureThreshold"] = .string(threshold)
            }
            upstream["contentModeration"] = .object(object)
        }
    }

    /// `promptImage`: one image (an HTTPS URL or a data URI), or a list of `{uri, position}` with each position
    /// at most once; `last` only for models that take a last frame.
    static func promptImage(_ value: JSONValue?, lastFrameAllowed: Bool) throws -> JSONValue {
        switch value {
        case .string(let uri)?:
            return .string(try checkedURI(uri, field: "promptImage"))
        case .array(let items)?:
            guard (1...2).contains(items.count) else { throw GatewayError.validation(field: "promptImage", "must hold one or two images") }
            let positions = lastFrameAllowed ? ["first", "last"] : ["first"]
            var seen: Set<String> = []
            let images: [JSONValue] = try items.enumerated().map { index, item in
                guard case .object(let object) = item else {
                    throw GatewayError.validation(field: "promptImage.\(index)", "must be an object with uri and position")
                }
                let reader = JSONFieldReader(object, path: "promptImage.\(index).")
                let uri = try uri(reader, "uri", required: true) ?? ""
                let position = try reader.string("position", required: true, allowed: positions) ?? ""
                guard seen.insert(position).inserted else {
                    throw GatewayError.validation(field: "promptImage.\(index).position", "\(position) is given twice")
                }
                return .object(["uri": .string(uri), "position": .string(position)])
            }
            return .array(images)
        case nil, .null?:
            throw GatewayError.validation(field: "promptImage", "is required")
        default:
            throw GatewayError.validation(field: "promptImage", "must be a URI or a list of {uri, position}")
        }
    }

    /// A media URI field: an HTTPS URL or a data URI.
    private static func uri(_ fields: JSONFieldReader, _ key: String, required: Bool) throws -> String? {
        guard let value = try fields.string(key, required: required, maxLength: 5_000_000) else { return nil }
        return try checkedURI(value, field: fields.path + key)
    }

    private static func checkedURI(_ uri: String, field: String) throws -> String {
        let lowered = uri.prefix(16).lowercased()
        guard (lowered.hasPrefix("https://") && uri.count <= 2_048) || lowered.hasPrefix("data:") else {
            throw GatewayError.validation(field: field, "must be an HTTPS URL or a data URI")
        }
        return uri
    }
}
