/// Validation of Kling's create bodies, route by route, into a task plan; every problem is a 400 1201.
enum KlingCreateRequest {
    /// Validates `body` of the create call at `path` ("videos/text2video"…).
    /// - Parameter sourceVideo: the complete video of the caller's with that id, for extend and lip-sync; throws when
    ///   there is none.
    static func plan(path: String, _ body: EmulatorJSONFields, sourceVideo: (String) throws -> KlingVideo) throws -> KlingTaskPlan {
        let external = try body.string("external_task_id").flatMap { $0.isEmpty ? nil : $0 }
        _ = try body.string("callback_url")
        switch path {
        case "videos/text2video", "videos/image2video":
            let model = try choice(body, "model_name", KlingCatalog.videoModels) ?? "kling-v1"
            if path == "videos/text2video" {
                try prompt(body, required: true)
                _ = try choice(body, "aspect_ratio", KlingCatalog.videoAspectRatios)
            } else {
                try prompt(body, required: false)
                guard let image = try body.string("image"), !image.isEmpty else { throw KlingEmulatorError.invalidParameters("image is required") }
            }
            try cfgScale(body)
            _ = try choice(body, "mode", KlingCatalog.modes)
            return KlingTaskPlan(
                path: path, model: model, videoSeconds: try duration(body), imageCount: 0, externalTaskID: external, parentVideoID: nil)
        case "videos/video-extend":
            guard let id = try body.string("video_id"), !id.isEmpty else { throw KlingEmulatorError.invalidParameters("video_id is required") }
            let source = try sourceVideo(id)
            try prompt(body, required: false)
            try cfgScale(body)
            return KlingTaskPlan(
                path: path, model: source.model, videoSeconds: source.seconds + KlingCatalog.extensionSeconds, imageCount: 0,
                externalTaskID: external, parentVideoID: source.id)
        case "videos/lip-sync":
            guard let input = try body.object("input") else { throw KlingEmulatorError.invalidParameters("input is required") }
            _ = try choice(input, "mode", KlingCatalog.lipSyncModes, required: true)
            var seconds = 5.0
            var model = "kling-v1"
            if let id = try input.string("video_id"), !id.isEmpty {
                let source = try sourceVideo(id)
                seconds = source.seconds
                model = source.model
            } else if try input.string("video_url")?.isEmpty ?? true {
                throw KlingEmulatorError.invalidParameters("input.video_id or input.video_url is required")
            }
            return KlingTaskPlan(path: path, model: model, videoSeconds: seconds, imageCount: 0, externalTaskID: external, parentVideoID: nil)
        case "videos/effects":
            _ = try choice(body, "effect_scene", KlingCatalog.effectScenes, required: true)
            guard let input = try body.object("input") else { throw KlingEmulatorError.invalidParameters("input is required") }
            let model = try choice(input, "model_name", KlingCatalog.videoModels) ?? "kling-v1-6"
            return KlingTaskPlan(
                path: path, model: model, videoSeconds: try duration(input), imageCount: 0, externalTaskID: external, parentVideoID: nil)
        case "images/generations":
            let model = try choice(body, "model_name", KlingCatalog.imageModels) ?? "kling-v1"
            try prompt(body, required: true)
            _ = try choice(body, "aspect_ratio", KlingCatalog.imageAspectRatios)
            let count = try body.int("n") ?? 1
            guard (1...9).contains(count) else { throw KlingEmulatorError.invalidParameters("n must be between 1 and 9") }
            return KlingTaskPlan(path: path, model: model, videoSeconds: nil, imageCount: count, externalTaskID: external, parentVideoID: nil)
        default:
            let model = try choice(body, "model_name", KlingCatalog.tryOnModels) ?? "kolors-virtual-try-on-v1"
            for field in ["human_image", "cloth_image"] where try body.string(field)?.isEmpty ?? true {
                throw KlingEmulatorError.invalidParameters("\(field) is required")
            }
            return KlingTaskPlan(path: path, model: model, videoSeconds: nil, imageCount: 1, externalTaskID: external, parentVideoID: nil)
        }
    }

    private static func prompt(_ body: EmulatorJSONFields, required: Bool) throws {
        let text = try body.string("prompt") ?? ""
        if required && text.isEmpty { throw KlingEmulatorError.invalidParameters("prompt is required") }
        if text.count > KlingCatalog.promptLimit {
            throw KlingEmulatorError.invalidParameters("prompt must be at most \(KlingCatalog.promptLimit) characters")
        }
    }

    private static func cfgScale(_ body: EmulatorJSONFields) throws {
        if let scale = try body.number("cfg_scale"), !(0...1).contains(scale) {
            throw KlingEmulatorError.invalidParameters("cfg_scale must be between 0 and 1")
        }
    }

    /// `duration`, "5" or "10" (a string, as Kling documents it).
    private static func duration(_ fields: EmulatorJSONFields) throws -> Double {
        let value: String
        switch fields.value("duration") {
        case nil, .null?: value = "5"
        case .string(let text)?: value = text
        case .int(let number)?: value = String(number)
        default: throw KlingEmulatorError.invalidParameters("\(fields.name("duration")) must be \"5\" or \"10\"")
        }
        guard KlingCatalog.durations.contains(value), let seconds = Double(value) else {
            throw KlingEmulatorError.invalidParameters("\(fields.name("duration")) must be \"5\" or \"10\"")
        }
        return seconds
    }

    private static func choice(_ fields: EmulatorJSONFields, _ key: String, _ allowed: [String], required: Bool = false) throws -> String? {
        guard let value = try fields.string(key), !value.isEmpty else {
            if required { throw KlingEmulatorError.invalidParameters("\(fields.name(key)) is required") }
            return nil
        }
        guard allowed.contains(value) else {
            throw KlingEmulatorError.invalidParameters("\(fields.name(key)) must be one of \(allowed.joined(separator: ", "))")
        }
        return value
    }
}
