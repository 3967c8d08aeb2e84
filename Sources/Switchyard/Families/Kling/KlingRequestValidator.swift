/// Validates the bodies of Kling's create calls against the catalog and builds the call to run; every problem is a
/// 400 naming the field (code 1201 in Kling's envelope), before anything is held.
///
/// `callback_url` and `external_task_id` stay with the gateway: the gateway polls the upstream and posts the
/// customer's callbacks itself, and an external id is unique per customer, not per upstream account (two customers
/// of one channel may choose the same one).
struct KlingRequestValidator: Sendable {
    let settings: KlingSettings
    let callbackPolicy: CallbackTargetPolicy

    /// The longest prompt Kling takes.
    static let promptLimit = 2_500
    /// The longest image or video reference (a URL, or an image's raw base64, up to 10 MB of it).
    static let mediaLimit = 14_000_000
    /// The longest `external_task_id`.
    static let externalIDLimit = 128

    /// The create call of `kind` for `body`.
    func call(_ kind: KlingTaskKind, _ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        var call: TaskCall
        switch kind {
        case .text2video, .image2video: call = try video(kind, fields)
        case .videoExtend: call = try extend(fields)
        case .lipSync: call = try lipSync(fields)
        case .effects: call = try effects(fields)
        case .image: call = try image(fields)
        case .virtualTryOn: call = try tryOn(fields)
        }
        call.callbackURL = try callback(fields)
        if let external = try fields.string("external_task_id", maxLength: Self.externalIDLimit), !external.isEmpty {
            call.request["external_task_id"] = .string(external)
        }
        return call
    }

    /// text2video and image2video: model × mode × duration prices them.
    private func video(_ kind: KlingTaskKind, _ fields: JSONFieldReader) throws -> TaskCall {
        let model = try fields.string("model_name", allowed: settings.videoModels) ?? settings.defaultVideoModel
        var upstream: JSONObject = ["model_name": .string(model)]
        if kind == .text2video {
            upstream["prompt"] = .string(try fields.string("prompt", required: true, maxLength: Self.promptLimit) ?? "")
            upstream["aspect_ratio"] = .string(try fields.string("aspect_ratio", allowed: KlingSettings.videoAspectRatios) ?? "16:9")
        } else {
            upstream["image"] = .string(try media(fields, "image", required: true) ?? "")
            if let tail = try media(fields, "image_tail") { upstream["image_tail"] = .string(tail) }
            if let prompt = try fields.string("prompt", maxLength: Self.promptLimit) { upstream["prompt"] = .string(prompt) }
            if let mask = try media(fields, "static_mask") { upstream["static_mask"] = .string(mask) }
            if let masks = try dynamicMasks(fields) { upstream["dynamic_masks"] = masks }
        }
        try common(fields, into: &upstream)
        let mode = try fields.string("mode", allowed: KlingSettings.modes) ?? "std"
        let duration = try self.duration(fields, "duration")
        upstream["mode"] = .string(mode)
        upstream["duration"] = .string(duration)
        if let camera = try cameraControl(fields) { upstream["camera_control"] = camera }
        return make(kind, model: model, upstream: upstream, facts: ["mode": mode, "duration": duration])
    }

    /// video-extend: the caller's own video, made on the channel the call is pinned to; the source's model prices it.
    private func extend(_ fields: JSONFieldReader) throws -> TaskCall {
        let videoID = try fields.string("video_id", required: true, maxLength: 100) ?? ""
        var upstream: JSONObject = ["video_id": .string(videoID)]
        if let prompt = try fields.string("prompt", maxLength: Self.promptLimit) { upstream["prompt"] = .string(prompt) }
        try common(fields, into: &upstream)
        var call = make(.videoExtend, model: settings.defaultVideoModel, upstream: upstream, facts: [:])
        call.references.append(.init(kind: KlingFamily.videoKind, id: videoID, slot: .field("video_id"), notFound: .notFound("Video \(videoID)")))
        return call
    }

    /// lip-sync: a video of the caller's (`video_id`) or any video URL, spoken over by text or an audio track.
    private func lipSync(_ fields: JSONFieldReader) throws -> TaskCall {
        guard let input = try fields.object("input", required: true) else { throw GatewayError.validation(field: "input", "is required") }
        let mode = try input.string("mode", required: true, allowed: KlingSettings.lipSyncModes) ?? ""
        var upstream: JSONObject = ["mode": .string(mode)]
        let videoID = try input.string("video_id", maxLength: 100).flatMap { $0.isEmpty ? nil : $0 }
        let videoURL = try media(input, "video_url")
        guard (videoID == nil) != (videoURL == nil) else {
            throw GatewayError.validation(field: "input.video_id", "exactly one of video_id and video_url is required")
        }
        if let videoID { upstream["video_id"] = .string(videoID) }
        if let videoURL { upstream["video_url"] = .string(videoURL) }
        if mode == "text2video" {
            upstream["text"] = .string(try input.string("text", required: true, maxLength: 120) ?? "")
            upstream["voice_id"] = .string(try input.string("voice_id", required: true, maxLength: 100) ?? "")
            upstream["voice_language"] = .string(try input.string("voice_language", allowed: KlingSettings.voiceLanguages) ?? "en")
            if let speed = try input.number("voice_speed", range: 0.8...2) { upstream["voice_speed"] = .number(speed) }
        } else {
            let audioType = try input.string("audio_type", required: true, allowed: KlingSettings.audioTypes) ?? ""
            upstream["audio_type"] = .string(audioType)
            let audioField = audioType == "file" ? "audio_file" : "audio_url"
            upstream[audioField] = .string(try media(input, audioField, required: true) ?? "")
        }
        var call = make(.lipSync, model: settings.lipSyncModel, upstream: ["input": .object(upstream)], facts: [:])
        if let videoID {
            call.references.append(
                .init(kind: KlingFamily.videoKind, id: videoID, slot: .nested(["input", "video_id"]), notFound: .notFound("Video \(videoID)")))
        }
        return call
    }

    /// effects: a scene of one image, or of two people's images.
    private func effects(_ fields: JSONFieldReader) throws -> TaskCall {
        let scene =
            try fields.string("effect_scene", required: true, allowed: KlingSettings.singleImageEffects + KlingSettings.pairEffects) ?? ""
        guard let input = try fields.object("input", required: true) else { throw GatewayError.validation(field: "input", "is required") }
        let model = try input.string("model_name", allowed: settings.videoModels) ?? settings.defaultEffectsModel
        let duration = try self.duration(input, "duration", path: "input.")
        var upstream: JSONObject = ["model_name": .string(model), "duration": .string(duration)]
        if KlingSettings.pairEffects.contains(scene) {
            let mode = try input.string("mode", allowed: KlingSettings.modes) ?? "std"
            upstream["mode"] = .string(mode)
            guard case .array(let images)? = input.object["images"], images.count == 2,
                images.allSatisfy({ ($0.stringValue?.isEmpty == false) && ($0.stringValue?.count ?? 0) <= Self.mediaLimit })
            else { throw GatewayError.validation(field: "input.images", "must be two image URLs or base64 images") }
            upstream["images"] = .array(images)
        } else {
            upstream["image"] = .string(try media(input, "image", required: true) ?? "")
        }
        return make(
            .effects, model: model, upstream: ["effect_scene": .string(scene), "input": .object(upstream)], facts: ["duration": duration])
    }

    /// images/generations: `n` images, each priced.
    private func image(_ fields: JSONFieldReader) throws -> TaskCall {
        let model = try fields.string("model_name", allowed: settings.imageModels) ?? settings.imageModels[0]
        var upstream: JSONObject = [
            "model_name": .string(model), "prompt": .string(try fields.string("prompt", required: true, maxLength: Self.promptLimit) ?? ""),
        ]
        if let negative = try fields.string("negative_prompt", maxLength: Self.promptLimit) { upstream["negative_prompt"] = .string(negative) }
        if let image = try media(fields, "image") {
            upstream["image"] = .string(image)
            if let reference = try fields.string("image_reference", allowed: KlingSettings.imageReferences) {
                upstream["image_reference"] = .string(reference)
            }
            if let fidelity = try fields.number("image_fidelity", range: 0...1) { upstream["image_fidelity"] = .number(fidelity) }
            if let fidelity = try fields.number("human_fidelity", range: 0...1) { upstream["human_fidelity"] = .number(fidelity) }
        }
        let count = try fields.int("n", range: 1...9) ?? 1
        upstream["n"] = .int(count)
        upstream["aspect_ratio"] = .string(try fields.string("aspect_ratio", allowed: KlingSettings.imageAspectRatios) ?? "16:9")
        return make(.image, model: model, upstream: upstream, facts: ["n": String(count)])
    }

    /// kolors-virtual-try-on: a person wearing a garment.
    private func tryOn(_ fields: JSONFieldReader) throws -> TaskCall {
        let model = try fields.string("model_name", allowed: settings.tryOnModels) ?? settings.tryOnModels[0]
        let upstream: JSONObject = [
            "model_name": .string(model), "human_image": .string(try media(fields, "human_image", required: true) ?? ""),
            "cloth_image": .string(try media(fields, "cloth_image", required: true) ?? ""),
        ]
        return make(.virtualTryOn, model: model, upstream: upstream, facts: [:])
    }

    /// The call of `kind`: the upstream body is what the customer sees as `request` too (in the customer's ids).
    private func make(_ kind: KlingTaskKind, model: String, upstream: JSONObject, facts: [String: String]) -> TaskCall {
        var call = TaskCall(action: kind.action, model: model, request: upstream, path: "/v1/" + kind.path, upstreamBody: upstream)
        call.priceFacts = facts
        return call
    }

    /// `negative_prompt` and `cfg_scale` (0–1), where a route takes them.
    private func common(_ fields: JSONFieldReader, into upstream: inout JSONObject) throws {
        if let negative = try fields.string("negative_prompt", maxLength: Self.promptLimit) { upstream["negative_prompt"] = .string(negative) }
        if let scale = try fields.number("cfg_scale", range: 0...1) { upstream["cfg_scale"] = .number(scale) }
    }

    /// `duration`: "5" or "10", a string as Kling documents it (a number is taken too).
    private func duration(_ fields: JSONFieldReader, _ key: String, path: String = "") throws -> String {
        switch fields.object[key] {
        case nil, .null?: return "5"
        case .number(let value)? where value == 5 || value == 10: return String(Int(value))
        case .string(let value)? where KlingSettings.durations.contains(value): return value
        default: throw GatewayError.validation(field: path + key, "must be \"5\" or \"10\"")
        }
    }

    /// An image or video given as a URL or raw base64: a non-empty string.
    private func media(_ fields: JSONFieldReader, _ key: String, required: Bool = false) throws -> String? {
        guard let value = try fields.string(key, required: required, maxLength: Self.mediaLimit), !value.isEmpty else { return nil }
        return value
    }

    /// `camera_control`: a preset `type`, or `simple` with exactly one non-zero axis of `config` (−10…10).
    private func cameraControl(_ fields: JSONFieldReader) throws -> JSONValue? {
        guard let camera = try fields.object("camera_control") else { return nil }
        let type = try camera.string("type", allowed: KlingSettings.cameraTypes) ?? "simple"
        var object: JSONObject = ["type": .string(type)]
        let config = try camera.object("config", required: type == "simple")
        if let config {
            guard type == "simple" else { throw GatewayError.validation(field: "camera_control.config", "is only for type simple") }
            var axes = JSONObject()
            var moving = 0
            for axis in KlingSettings.cameraAxes {
                let value = try config.number(axis, range: -10...10) ?? 0
                axes[axis] = .number(value)
                if value != 0 { moving += 1 }
            }
            guard moving == 1 else { throw GatewayError.validation(field: "camera_control.config", "must move exactly one axis") }
            object["config"] = .object(axes)
        }
        return .object(object)
    }

    /// `dynamic_masks`: up to 6 masks, each with its trajectory of points.
    private func dynamicMasks(_ fields: JSONFieldReader) throws -> JSONValue? {
        guard let masks = try fields.objects("dynamic_masks", maxCount: 6) else { return nil }
        return .array(
            try masks.map { mask in
                let image = try media(mask, "mask", required: true) ?? ""
                guard let points = try mask.objects("trajectories", maxCount: 77), points.count >= 2 else {
                    throw GatewayError.validation(field: mask.path + "trajectories", "must have 2 to 77 points")
                }
                let trajectory = try points.map { point -> JSONValue in
                    .object(["x": .int(try point.int("x", range: 0...100_000) ?? 0), "y": .int(try point.int("y", range: 0...100_000) ?? 0)])
                }
                return .object(["mask": .string(image), "trajectories": .array(trajectory)])
            })
    }

    private func callback(_ fields: JSONFieldReader) throws -> String? {
        guard let url = try fields.string("callback_url", maxLength: 2_048), !url.isEmpty else { return nil }
        _ = try callbackPolicy.checkForm(url, field: "callback_url")
        return url
    }
}
