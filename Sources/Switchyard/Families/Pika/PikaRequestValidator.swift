/// Validates `POST /pika/generate` bodies and builds the task call: every problem is a 4xx naming the field, in the
/// relay's OpenAI-style error, before anything is held.
struct PikaRequestValidator: Sendable {
    let callbackPolicy: CallbackTargetPolicy

    func call(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let model = try fields.string("model", allowed: PikaCatalog.models) ?? PikaCatalog.models[0]
        let prompt = try fields.string("promptText", maxLength: PikaCatalog.promptMaxLength) ?? ""
        let image = try fields.string("image", maxLength: PikaCatalog.imageMaxLength).flatMap { $0.isEmpty ? nil : $0 }
        let effect = try fields.string("pikaffect", allowed: [""] + PikaCatalog.pikaffects).flatMap { $0.isEmpty ? nil : $0 }
        if effect != nil && image == nil { throw GatewayError.validation(field: "image", "is required with a pikaffect") }
        if effect == nil && prompt.isEmpty { throw GatewayError.validation(field: "promptText", "is required") }
        var upstream: JSONObject = ["model": .string(model), "promptText": .string(prompt)]
        var echo: JSONObject = ["model": .string(model), "promptText": .string(prompt)]
        if let image { upstream["image"] = .string(image) }
        if let effect {
            upstream["pikaffect"] = .string(effect)
            echo["pikaffect"] = .string(effect)
        }
        let (options, duration, resolution) = try self.options(fields.object("options"), withImage: image != nil)
        if !options.keys.isEmpty {
            upstream["options"] = .object(options)
            echo["options"] = .object(options)
        }
        let callbackURL = try fields.string("webhookUrl", maxLength: 2_048).flatMap { $0.isEmpty ? nil : $0 }
        if let callbackURL {
            _ = try callbackPolicy.checkForm(callbackURL, field: "webhookUrl")
            echo["webhookUrl"] = .string(callbackURL)
        }
        let action = effect == nil ? PikaCatalog.videoAction : PikaCatalog.pikaffectAction
        var call = TaskCall(action: action, model: model, request: echo, path: "/generate", upstreamBody: upstream)
        if effect == nil { call.priceFacts = ["duration": "\(duration)s", "resolution": resolution] }
        call.callbackURL = callbackURL
        return call
    }

    /// `options`: aspect ratio (not with an image), frame rate, camera, parameters, extend, duration, resolution.
    private func options(_ reader: JSONFieldReader?, withImage: Bool) throws -> (JSONObject, Int, String) {
        var options = JSONObject()
        guard let reader else { return (options, PikaCatalog.durations[0], PikaCatalog.resolutions[0]) }
        if let ratio = try reader.number("aspectRatio", range: 0.4...2.5) {
            if withImage { throw GatewayError.validation(field: "options.aspectRatio", "is taken from the image; leave it out") }
            options["aspectRatio"] = .number(ratio)
        }
        if let rate = try reader.int("frameRate", range: 8...24) { options["frameRate"] = .int(rate) }
        if let camera = try reader.object("camera") {
            var moves = JSONObject()
            for key in ["pan", "tilt", "rotate", "zoom"] {
                if let move = try camera.string(key, maxLength: 20) { moves[key] = .string(move) }
            }
            options["camera"] = .object(moves)
        }
        if let parameters = try reader.object("parameters") {
            var values = JSONObject()
            if let scale = try parameters.number("guidanceScale", range: 5...25) { values["guidanceScale"] = .number(scale) }
            if let motion = try parameters.int("motion", range: 0...4) { values["motion"] = .int(motion) }
            if let negative = try parameters.string("negativePrompt", maxLength: 1_000) { values["negativePrompt"] = .string(negative) }
            if let seed = try parameters.int("seed", range: 0...Int(UInt32.max)) { values["seed"] = .int(seed) }
            options["parameters"] = .object(values)
        }
        if let extend = try reader.bool("extend") { options["extend"] = .bool(extend) }
        let duration = try reader.int("duration", range: 1...60) ?? PikaCatalog.durations[0]
        guard PikaCatalog.durations.contains(duration) else { throw GatewayError.validation(field: "options.duration", "must be 5 or 10") }
        let resolution = try reader.string("resolution", allowed: PikaCatalog.resolutions) ?? PikaCatalog.resolutions[0]
        options["duration"] = .int(duration)
        options["resolution"] = .string(resolution)
        return (options, duration, resolution)
    }
}
