import Foundation

/// Validates Midjourney submit bodies into calls to run: every problem is a 4xx naming the field (code 4 in the
/// proxy's envelope), and a banned word is a code-24 refusal, both before anything is held. The caller's
/// `notifyHook` and `state` stay with the gateway; the upstream gets only what makes the image.
struct MidjourneyRequestValidator: Sendable {
    let settings: MidjourneySettings
    let callbackPolicy: CallbackTargetPolicy

    static let botTypes = ["MID_JOURNEY", "NIJI_JOURNEY"]
    static let dimensions = ["PORTRAIT", "SQUARE", "LANDSCAPE"]
    /// A video's `motion`.
    static let motions = ["low", "high"]
    static let maxPromptLength = 8_192
    /// Images an imagine may start from.
    static let maxImagineImages = 5

    func imagine(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let prompt = try self.prompt(fields)
        var images = try dataURIs(fields, "base64Array", count: 0...Self.maxImagineImages) ?? []
        if let single = try fields.string("base64", maxLength: Int.max), !single.isEmpty { images.append(try Self.dataURI(single, field: "base64")) }
        let botType = try self.botType(fields)
        var upstream: JSONObject = ["prompt": .string(prompt), "botType": .string(botType)]
        if !images.isEmpty { upstream["base64Array"] = .array(images.map(JSONValue.string)) }
        return try call(
            .imagine, fields, tier: tier, path: "/mj/submit/imagine", upstream: upstream,
            request: ["prompt": .string(prompt), "botType": .string(botType), "description": .string("/imagine \(prompt)")])
    }

    func blend(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let images = try dataURIs(fields, "base64Array", count: 2...5, required: true) ?? []
        let dimensions = try fields.string("dimensions", allowed: Self.dimensions) ?? "SQUARE"
        let botType = try self.botType(fields)
        return try call(
            .blend, fields, tier: tier, path: "/mj/submit/blend",
            upstream: ["base64Array": .array(images.map(JSONValue.string)), "dimensions": .string(dimensions), "botType": .string(botType)],
            request: ["botType": .string(botType), "description": .string("/blend \(images.count) images \(dimensions)")])
    }

    func describe(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        guard let image = try fields.string("base64", required: true, maxLength: Int.max) else {
            throw GatewayError.validation(field: "base64", "is required")
        }
        let uri = try Self.dataURI(image, field: "base64")
        let botType = try self.botType(fields)
        return try call(
            .describe, fields, tier: tier, path: "/mj/submit/describe", upstream: ["base64": .string(uri), "botType": .string(botType)],
            request: ["botType": .string(botType), "description": .string("/describe")])
    }

    func shorten(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let prompt = try self.prompt(fields)
        let botType = try self.botType(fields)
        return try call(
            .shorten, fields, tier: tier, path: "/mj/submit/shorten", upstream: ["prompt": .string(prompt), "botType": .string(botType)],
            request: ["prompt": .string(prompt), "botType": .string(botType), "description": .string("/shorten \(prompt)")])
    }

    func swapFace(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        var upstream = JSONObject()
        for field in ["sourceBase64", "targetBase64"] {
            guard let image = try fields.string(field, required: true, maxLength: Int.max) else {
                throw GatewayError.validation(field: field, "is required")
            }
            upstream[field] = .string(try Self.dataURI(image, field: field))
        }
        return try call(.swapFace, fields, tier: tier, path: "/mj/insight-face/swap", upstream: upstream, request: ["description": "/swap_face"])
    }

    func upload(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let images = try dataURIs(fields, "base64Array", count: 1...5, required: true) ?? []
        return try call(
            .upload, fields, tier: tier, path: "/mj/submit/upload-discord-images", upstream: ["base64Array": .array(images.map(JSONValue.string))],
            request: ["description": .string("/upload \(images.count) images")])
    }

    /// A short video from a start image (and an optional end image): `motion` low or high.
    func video(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let prompt = try self.prompt(fields)
        guard let image = try fields.string("image", required: true, maxLength: Int.max) else {
            throw GatewayError.validation(field: "image", "is required")
        }
        var upstream: JSONObject = [
            "prompt": .string(prompt), "image": .string(try Self.dataURI(image, field: "image")),
            "motion": .string(try fields.string("motion", allowed: Self.motions) ?? "low"),
        ]
        if let end = try fields.string("endImage", maxLength: Int.max), !end.isEmpty {
            upstream["endImage"] = .string(try Self.dataURI(end, field: "endImage"))
        }
        if let loop = try fields.bool("loop") { upstream["loop"] = .bool(loop) }
        return try call(
            .video, fields, tier: tier, path: "/mj/submit/video", upstream: upstream,
            request: ["prompt": .string(prompt), "description": .string("/video \(prompt)")])
    }

    /// An image edited by a prompt, within a mask when one is given.
    func edits(_ body: JSONObject, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let prompt = try self.prompt(fields)
        guard let image = try fields.string("image", required: true, maxLength: Int.max) else {
            throw GatewayError.validation(field: "image", "is required")
        }
        var upstream: JSONObject = ["prompt": .string(prompt), "image": .string(try Self.dataURI(image, field: "image"))]
        if let mask = try fields.string("maskBase64", maxLength: Int.max), !mask.isEmpty {
            upstream["maskBase64"] = .string(try Self.dataURI(mask, field: "maskBase64"))
        }
        return try call(
            .edits, fields, tier: tier, path: "/mj/submit/edits", upstream: upstream,
            request: ["prompt": .string(prompt), "description": .string("/edits \(prompt)")])
    }

    /// A button of the caller's finished task `parent`, run on the channel that made it, in the prefix's tier (or
    /// the parent's when the path names none).
    func action(_ body: JSONObject, parent: TaskRecord, tier: String?) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let customID = try fields.string("customId", required: true, maxLength: 500) ?? ""
        _ = try fields.bool("chooseSameChannel")
        guard parent.state == .succeeded else {
            throw GatewayError.validation(field: "taskId", "task \(parent.id) has not succeeded; only a finished task's buttons can be pressed")
        }
        guard let upstreamCustomID = MidjourneyButtons.upstreamCustomID(for: customID, parent: parent) else {
            throw GatewayError.validation(field: "customId", "is not one of the buttons of task \(parent.id)")
        }
        let action = MidjourneyAction(customID: customID)
        var call = try self.call(
            action, fields, tier: tier ?? parent.model, path: "/mj/submit/action",
            upstream: ["taskId": .string(parent.upstreamID ?? ""), "customId": .string(upstreamCustomID), "chooseSameChannel": true],
            request: [
                "taskId": .string(parent.id), "customId": .string(customID), "botType": parent.request["botType"] ?? "MID_JOURNEY",
                "prompt": parent.request["prompt"] ?? "", "description": .string("/\(action.priceName) \(parent.id)"),
            ])
        if let channel = parent.channelID { call.route = .pinned(channel) }
        return call
    }

    /// The modal's follow-up fields: the prompt (banned words checked) and the mask of an inpaint.
    func modal(_ fields: JSONFieldReader) throws -> JSONObject {
        var upstream = JSONObject()
        if let prompt = try fields.string("prompt", maxLength: Self.maxPromptLength), !prompt.isEmpty {
            try checkBanned(prompt)
            upstream["prompt"] = .string(prompt)
        }
        if let mask = try fields.string("maskBase64", maxLength: Int.max), !mask.isEmpty {
            upstream["maskBase64"] = .string(try Self.dataURI(mask, field: "maskBase64"))
        }
        return upstream
    }

    /// The call, with the fields every submit shares (`notifyHook`, `state`) and the tier as its model.
    private func call(
        _ action: MidjourneyAction, _ fields: JSONFieldReader, tier: String?, path: String, upstream: JSONObject, request: JSONObject
    ) throws -> TaskCall {
        var visible = request
        visible["action"] = .string(action.rawValue)
        if let state = try fields.string("state", maxLength: 4_096) { visible["state"] = .string(state) }
        let model = tier ?? settings.defaultTier
        var call = TaskCall(action: action.priceName, model: model, request: visible, path: path, upstreamBody: upstream)
        if let hook = try fields.string("notifyHook", maxLength: 2_048), !hook.isEmpty {
            _ = try callbackPolicy.checkForm(hook, field: "notifyHook")
            call.callbackURL = hook
        }
        return call
    }

    private func prompt(_ fields: JSONFieldReader) throws -> String {
        let prompt = (try fields.string("prompt", required: true, maxLength: Self.maxPromptLength) ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard !prompt.isEmpty else { throw GatewayError.validation(field: "prompt", "must not be empty") }
        try checkBanned(prompt)
        return prompt
    }

    private func botType(_ fields: JSONFieldReader) throws -> String {
        try fields.string("botType", allowed: Self.botTypes) ?? "MID_JOURNEY"
    }

    /// Refuses a prompt with a banned word as the proxy does: code 24, naming the word.
    func checkBanned(_ prompt: String) throws {
        let words = prompt.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard let banned = settings.bannedWords.first(where: words.contains) else { return }
        throw MidjourneySubmitResult.refusal(
            code: 24, description: "Banned prompt: \(banned)", properties: ["promptEn": .string(prompt), "bannedWord": .string(banned)])
    }

    /// An array of image data URIs with `count` elements.
    private func dataURIs(_ fields: JSONFieldReader, _ key: String, count: ClosedRange<Int>, required: Bool = false) throws -> [String]? {
        guard let value = fields.object[key], value != .null else {
            if required { throw GatewayError.validation(field: key, "is required") }
            return nil
        }
        guard case .array(let items) = value else { throw GatewayError.validation(field: key, "must be an array of data URIs") }
        guard count.contains(items.count) else {
            throw GatewayError.validation(field: key, "must hold \(count.lowerBound) to \(count.upperBound) images")
        }
        return try items.enumerated().map { index, item in
            guard let text = item.stringValue else { throw GatewayError.validation(field: "\(key)[\(index)]", "must be a string") }
            return try Self.dataURI(text, field: "\(key)[\(index)]")
        }
    }

    /// `data:image/<type>;base64,<data>` with data that decodes; the proxy's `base64格式错误` otherwise.
    static func dataURI(_ text: String, field: String) throws -> String {
        guard text.hasPrefix("data:image/"), let comma = text.firstIndex(of: ","), text[..<comma].hasSuffix(";base64") else {
            throw GatewayError.validation(field: field, "must be a data URI (data:image/png;base64,...)")
        }
        let payload = text[text.index(after: comma)...]
        guard !payload.isEmpty, Data(base64Encoded: String(payload)) != nil else {
            throw GatewayError.validation(field: field, "is not valid base64")
        }
        return text
    }
}
