/// Validates each Luma create body against the official API's schema and builds the call to run.
struct LumaRequestValidator: Sendable {
    let settings: LumaSettings
    let callbackPolicy: CallbackTargetPolicy

    static let aspectRatios = ["1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21"]
    static let resolutions = ["540p", "720p", "1080p", "4k"]
    static let durations = ["5s", "9s"]
    static let modifyModes = [
        "adhere_1", "adhere_2", "adhere_3", "flex_1", "flex_2", "flex_3", "reimagine_1", "reimagine_2", "reimagine_3",
    ]
    static let reframeIntegers = [
        "grid_position_x", "grid_position_y", "resized_height", "resized_width", "x_end", "x_start", "y_end", "y_start",
    ]

    /// `POST /generations` and `/generations/video`.
    func video(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        _ = try fields.string("generation_type", allowed: ["video"])
        // A prompt is required unless keyframes say what to make (the SDK types it optional for that case).
        let hasKeyframes = body["keyframes"].map { $0 != .null } ?? false
        let prompt = try fields.string("prompt", required: !hasKeyframes, maxLength: 5_000)
        let model = try fields.string("model", allowed: settings.videoModels) ?? settings.defaultVideoModel
        let aspectRatio = try fields.string("aspect_ratio", allowed: Self.aspectRatios) ?? "16:9"
        let loop = try fields.bool("loop") ?? false
        let resolution = try fields.string("resolution", allowed: Self.resolutions)
        let duration = try fields.string("duration", allowed: Self.durations)
        let callbackURL = try callback(fields)

        var call = TaskCall.luma(
            generationType: "video", model: model, echo: [:], upstreamBody: [:], upstreamPath: "/generations/video",
            priceFacts: ["duration": duration ?? "5s", "resolution": resolution ?? "720p"], callbackURL: callbackURL)
        var keyframes: JSONValue = .null
        if let frames = try fields.object("keyframes") {
            var object = JSONObject()
            for frame in ["frame0", "frame1"] {
                guard let reader = try frames.object(frame) else { continue }
                let type = try reader.string("type", required: true, allowed: ["image", "generation"])
                if type == "image" {
                    let url = try reader.string("url", required: true, maxLength: 2048) ?? ""
                    object[frame] = .object(["type": "image", "url": .string(url)])
                } else {
                    let id = try reader.string("id", required: true, maxLength: 100) ?? ""
                    object[frame] = .object(["type": "generation", "id": .string(id)])
                    call.references.append(TaskCall.lumaKeyframe(frame, generation: id))
                }
            }
            keyframes = .object(object)
        }
        var concepts: JSONValue?
        if let items = try fields.objects("concepts", maxCount: 10) {
            concepts = .array(try items.map { .object(["key": .string(try $0.string("key", required: true, maxLength: 100) ?? "")]) })
        }

        var echo: JSONObject = [:]
        if let prompt { echo["prompt"] = .string(prompt) }
        echo["model"] = .string(model)
        echo["aspect_ratio"] = .string(aspectRatio)
        echo["loop"] = .bool(loop)
        echo["keyframes"] = keyframes
        if let resolution { echo["resolution"] = .string(resolution) }
        if let duration { echo["duration"] = .string(duration) }
        if let concepts { echo["concepts"] = concepts }
        echo["callback_url"] = callbackURL.map(JSONValue.string) ?? .null
        echo["generation_type"] = "video"
        call.request = echo
        call.upstreamBody = Self.upstream(echo)
        return call
    }

    /// `POST /generations/image`.
    func image(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        _ = try fields.string("generation_type", allowed: ["image"])
        let prompt = try fields.string("prompt", required: true, maxLength: 5_000)
        let model = try fields.string("model", allowed: settings.imageModels) ?? settings.defaultImageModel
        let aspectRatio = try fields.string("aspect_ratio", allowed: Self.aspectRatios) ?? "16:9"
        let format = try fields.string("format", allowed: ["jpg", "png"])
        let sync = try fields.bool("sync")
        let syncTimeout = try fields.number("sync_timeout", range: 0...300)
        let callbackURL = try callback(fields)
        var echo: JSONObject = ["prompt": .string(prompt ?? ""), "model": .string(model), "aspect_ratio": .string(aspectRatio)]
        if let format { echo["format"] = .string(format) }
        // A synchronous image is answered finished by the upstream; the engine records it as such.
        if let sync { echo["sync"] = .bool(sync) }
        if let syncTimeout { echo["sync_timeout"] = .number(syncTimeout) }
        for key in ["image_ref", "style_ref"] {
            if let refs = try fields.objects(key, maxCount: 8) {
                echo[key] = .array(try refs.map(Self.weightedReference))
            }
        }
        if let modify = try fields.object("modify_image_ref") {
            echo["modify_image_ref"] = try Self.weightedReference(modify)
        }
        if let character = try fields.object("character_ref") {
            guard let identity = try character.object("identity0", required: true), case .array(let images)? = identity.object["images"],
                images.allSatisfy({ $0.stringValue != nil }), !images.isEmpty, images.count <= 8
            else { throw GatewayError.validation(field: "character_ref.identity0.images", "must be a list of image URLs") }
            echo["character_ref"] = .object(["identity0": .object(["images": .array(images)])])
        }
        echo["callback_url"] = callbackURL.map(JSONValue.string) ?? .null
        echo["generation_type"] = "image"
        return TaskCall.luma(
            generationType: "image", model: model, echo: echo, upstreamBody: Self.upstream(echo), upstreamPath: "/generations/image",
            priceFacts: [:], callbackURL: callbackURL)
    }

    /// `POST /generations/{id}/upscale`; the source is resolved by the caller.
    func upscale(_ body: JSONObject, sourceModel: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        _ = try fields.string("generation_type", allowed: ["upscale_video"])
        let resolution = try fields.string("resolution", allowed: Self.resolutions) ?? "1080p"
        let callbackURL = try callback(fields)
        var echo: JSONObject = ["generation_type": "upscale_video", "resolution": .string(resolution)]
        echo["callback_url"] = callbackURL.map(JSONValue.string) ?? .null
        return TaskCall.luma(
            generationType: "upscale_video", model: sourceModel, echo: echo, upstreamBody: Self.upstream(echo), upstreamPath: "",
            priceFacts: ["resolution": resolution], callbackURL: callbackURL)
    }

    /// `POST /generations/{id}/audio`.
    func audio(_ body: JSONObject, sourceModel: String) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        _ = try fields.string("generation_type", allowed: ["add_audio"])
        let prompt = try fields.string("prompt", maxLength: 5_000)
        let negativePrompt = try fields.string("negative_prompt", maxLength: 5_000)
        let callbackURL = try callback(fields)
        var echo: JSONObject = ["generation_type": "add_audio"]
        if let prompt { echo["prompt"] = .string(prompt) }
        if let negativePrompt { echo["negative_prompt"] = .string(negativePrompt) }
        echo["callback_url"] = callbackURL.map(JSONValue.string) ?? .null
        return TaskCall.luma(
            generationType: "add_audio", model: sourceModel, echo: echo, upstreamBody: Self.upstream(echo), upstreamPath: "",
            priceFacts: [:], callbackURL: callbackURL)
    }

    /// `POST /generations/video/modify`.
    func modifyVideo(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        _ = try fields.string("generation_type", allowed: ["modify_video"])
        let media = try mediaURL(fields, "media", required: true)
        let mode = try fields.string("mode", required: true, allowed: Self.modifyModes) ?? ""
        let model = try fields.string("model", allowed: ["ray-2", "ray-flash-2"]) ?? settings.defaultVideoModel
        let prompt = try fields.string("prompt", maxLength: 5_000)
        let firstFrame = try mediaURL(fields, "first_frame", required: false)
        let callbackURL = try callback(fields)
        var echo: JSONObject = ["generation_type": "modify_video", "media": media ?? .null, "mode": .string(mode), "model": .string(model)]
        if let firstFrame { echo["first_frame"] = firstFrame }
        if let prompt { echo["prompt"] = .string(prompt) }
        echo["callback_url"] = callbackURL.map(JSONValue.string) ?? .null
        return TaskCall.luma(
            generationType: "modify_video", model: model, echo: echo, upstreamBody: Self.upstream(echo),
            upstreamPath: "/generations/video/modify", priceFacts: [:], callbackURL: callbackURL)
    }

    /// `POST /generations/video/reframe` and `/generations/image/reframe`.
    func reframe(_ body: JSONObject, video: Bool) throws -> TaskCall {
        let generationType = video ? "reframe_video" : "reframe_image"
        let fields = JSONFieldReader(body)
        _ = try fields.string("generation_type", allowed: [generationType])
        let media = try mediaURL(fields, "media", required: true)
        let aspectRatio = try fields.string("aspect_ratio", required: true, allowed: Self.aspectRatios) ?? ""
        let models = video ? ["ray-2", "ray-flash-2"] : settings.imageModels
        let model = try fields.string("model", allowed: models) ?? (video ? settings.defaultVideoModel : settings.defaultImageModel)
        let prompt = try fields.string("prompt", maxLength: 5_000)
        let callbackURL = try callback(fields)
        var echo: JSONObject = [
            "generation_type": .string(generationType), "media": media ?? .null, "aspect_ratio": .string(aspectRatio), "model": .string(model),
        ]
        if video, let firstFrame = try mediaURL(fields, "first_frame", required: false) { echo["first_frame"] = firstFrame }
        if !video, let format = try fields.string("format", allowed: ["jpg", "png"]) { echo["format"] = .string(format) }
        if let prompt { echo["prompt"] = .string(prompt) }
        for key in Self.reframeIntegers {
            if let value = try fields.int(key, range: 0...16_384) { echo[key] = .number(Double(value)) }
        }
        echo["callback_url"] = callbackURL.map(JSONValue.string) ?? .null
        return TaskCall.luma(
            generationType: generationType, model: model, echo: echo, upstreamBody: Self.upstream(echo),
            upstreamPath: video ? "/generations/video/reframe" : "/generations/image/reframe", priceFacts: [:], callbackURL: callbackURL)
    }

    private func callback(_ fields: JSONFieldReader) throws -> String? {
        guard let url = try fields.string("callback_url", maxLength: 2048) else { return nil }
        _ = try callbackPolicy.checkForm(url)
        return url
    }

    private func mediaURL(_ fields: JSONFieldReader, _ key: String, required: Bool) throws -> JSONValue? {
        guard let media = try fields.object(key, required: required) else { return nil }
        let url = try media.string("url", required: true, maxLength: 2048) ?? ""
        return .object(["url": .string(url)])
    }

    private static func weightedReference(_ reader: JSONFieldReader) throws -> JSONValue {
        var reference: JSONObject = ["url": .string(try reader.string("url", required: true, maxLength: 2048) ?? "")]
        if let weight = try reader.number("weight", range: 0...1) { reference["weight"] = .number(weight) }
        return .object(reference)
    }

    /// What goes upstream: the echo without the customer's callback (Switchyard polls and calls back itself).
    private static func upstream(_ echo: JSONObject) -> JSONObject {
        var body = echo
        body["callback_url"] = nil
        if body["keyframes"] == .null { body["keyframes"] = nil }
        return body
    }
}
