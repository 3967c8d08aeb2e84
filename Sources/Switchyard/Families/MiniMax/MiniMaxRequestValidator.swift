/// Validates `POST /minimax/v1/video_generation` bodies against the model's own rules (`MiniMaxModel`) and builds
/// the task call: every problem is a 2013 naming the field, before anything is held.
struct MiniMaxRequestValidator: Sendable {
    let callbackPolicy: CallbackTargetPolicy

    /// The longest image (base64 data URL or URL) a field takes; the request body limit is the real bound.
    static let imageMaxLength = 30_000_000

    func call(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let modelName = try fields.string("model", required: true, maxLength: 100) ?? ""
        guard let model = MiniMaxModel.named(modelName) else {
            throw GatewayError.validation(field: "model", "must be one of \(MiniMaxModel.names.joined(separator: ", "))")
        }
        var upstream: JSONObject = ["model": .string(model.name)]
        var echo: JSONObject = ["model": .string(model.name)]
        let prompt = try fields.string("prompt", maxLength: 2_000) ?? ""
        if model.needsPrompt && prompt.isEmpty { throw GatewayError.validation(field: "prompt", "is required by \(model.name)") }
        if !prompt.isEmpty {
            upstream["prompt"] = .string(prompt)
            echo["prompt"] = .string(prompt)
        }
        for flag in ["prompt_optimizer", "fast_pretreatment", "aigc_watermark"] {
            if let value = try fields.bool(flag) {
                upstream[flag] = .bool(value)
                echo[flag] = .bool(value)
            }
        }
        let duration = try fields.int("duration", range: 1...60) ?? model.durations[0]
        guard model.durations.contains(duration) else {
            throw GatewayError.validation(
                field: "duration", "\(model.name) makes \(model.durations.map(String.init).joined(separator: " or ")) seconds")
        }
        let resolution = try fields.string("resolution", maxLength: 10)?.uppercased() ?? model.resolutions[0]
        guard model.resolutions.contains(resolution) else {
            throw GatewayError.validation(field: "resolution", "\(model.name) makes \(model.resolutions.joined(separator: ", "))")
        }
        if duration != model.durations[0] && model.shortOnly.contains(resolution) {
            throw GatewayError.validation(field: "resolution", "\(resolution) is made for \(model.durations[0]) seconds only")
        }
        upstream["duration"] = .int(duration)
        upstream["resolution"] = .string(resolution)
        echo["duration"] = .int(duration)
        echo["resolution"] = .string(resolution)
        let first = try image("first_frame_image", fields)
        if model.needsFirstFrame && first == nil { throw GatewayError.validation(field: "first_frame_image", "is required by \(model.name)") }
        if let first { upstream["first_frame_image"] = .string(first) }
        if let last = try image("last_frame_image", fields) {
            guard model.takesLastFrame else { throw GatewayError.validation(field: "last_frame_image", "is not taken by \(model.name)") }
            upstream["last_frame_image"] = .string(last)
        }
        if !model.needsPrompt && prompt.isEmpty && first == nil {
            throw GatewayError.validation(field: "prompt", "or first_frame_image is required")
        }
        let subjects = try fields.objects("subject_reference", maxCount: 1)
        if model.needsSubject && (subjects ?? []).isEmpty {
            throw GatewayError.validation(field: "subject_reference", "is required by \(model.name)")
        }
        if let subjects, !subjects.isEmpty {
            guard model.needsSubject else { throw GatewayError.validation(field: "subject_reference", "is not taken by \(model.name)") }
            upstream["subject_reference"] = .array(try subjects.map(subject))
        }
        let callbackURL = try fields.string("callback_url", maxLength: 2_048).flatMap { $0.isEmpty ? nil : $0 }
        if let callbackURL {
            _ = try callbackPolicy.checkForm(callbackURL, field: "callback_url")
            echo["callback_url"] = .string(callbackURL)
        }
        // The gateway posts the callback itself (through its outbox): the upstream is not told where.
        var call = TaskCall(action: MiniMaxFamily.videoAction, model: model.name, request: echo, path: "/v1/video_generation", upstreamBody: upstream)
        call.priceFacts = ["duration": "\(duration)s", "resolution": resolution]
        call.callbackURL = callbackURL
        return call
    }

    /// An image field: a URL or a base64 data URL.
    private func image(_ name: String, _ fields: JSONFieldReader) throws -> String? {
        try fields.string(name, maxLength: Self.imageMaxLength).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `{"type":"character","image":["<url>"]}`: one character image.
    private func subject(_ reference: JSONFieldReader) throws -> JSONValue {
        let type = try reference.string("type", allowed: ["character"]) ?? "character"
        guard let images = reference.object["image"]?.arrayValue, images.count == 1, let url = images[0].stringValue, !url.isEmpty,
            url.count <= Self.imageMaxLength
        else { throw GatewayError.validation(field: "subject_reference.image", "must be a list of one image") }
        return .object(["type": .string(type), "image": .array([.string(url)])])
    }
}
