import Foundation

/// Validates Recraft's multipart calls (the image tools and `POST /styles`) and builds the call to run: the form
/// is kept in the task (`FormUpload.stored`) with only the parts Recraft reads, and sent upstream again as a form.
struct RecraftFormValidator: Sendable {
    let settings: RecraftSettings

    /// The most files one custom style is made from.
    static let styleFileLimit = 5

    /// A one-image tool: `file` (+ `response_format`) → `{"image": {...}}`.
    func tool(_ operation: RecraftOperation, _ form: FormUpload) throws -> TaskCall {
        let file = try form.requiredFile("file")
        var parts = [file]
        var request: JSONObject = ["file": Self.describe(file)]
        if let format = try responseFormat(form) {
            parts.append(.init(name: "response_format", bytes: Array(format.utf8)))
            request["response_format"] = .string(format)
        }
        var call = TaskCall(
            action: operation.action, model: "recraft-\(operation.rawValue)", request: request, path: operation.path,
            upstreamBody: ["form": FormUpload(parts: parts).stored])
        call.route = .anyChannel
        return call
    }

    /// `imageToImage`, `inpaint` and `replaceBackground`: an `image` (`file` is taken too), a prompt and the
    /// generation options → `{"created", "data"}`.
    func edit(_ operation: RecraftOperation, _ form: FormUpload) throws -> TaskCall {
        // Recraft names the upload `image` here; `file`, as the other tools name it, is taken too.
        let image = try form.one("image") == nil && form.one("file") != nil ? try form.requiredFile("file") : try form.requiredFile("image")
        var parts = [FormUpload.Part(name: "image", filename: image.filename ?? "image", contentType: image.contentType, bytes: image.bytes)]
        var request: JSONObject = ["image": Self.describe(image)]
        func add(_ name: String, _ value: String, _ shown: JSONValue) {
            parts.append(.init(name: name, bytes: Array(value.utf8)))
            request[name] = shown
        }
        if operation == .inpaint {
            let mask = try form.requiredFile("mask")
            parts.append(mask)
            request["mask"] = Self.describe(mask)
        }
        guard let prompt = try form.text("prompt") else { throw GatewayError.validation(field: "prompt", "is required") }
        guard prompt.count <= RecraftRequestValidator.promptLimit else {
            throw GatewayError.validation(field: "prompt", "is longer than \(RecraftRequestValidator.promptLimit) characters")
        }
        add("prompt", prompt, .string(prompt))
        if operation == .imageToImage {
            guard let text = try form.text("strength") else { throw GatewayError.validation(field: "strength", "is required") }
            guard let strength = Double(text), (0...1).contains(strength) else {
                throw GatewayError.validation(field: "strength", "must be a number between 0 and 1")
            }
            add("strength", text, .number(strength))
        }
        let count = try integer(form, "n", range: 1...2) ?? 1
        add("n", String(count), .int(count))
        let model = try text(form, "model", allowed: settings.models) ?? settings.defaultModel
        add("model", model, .string(model))
        let style = try RecraftStyleChoice(
            model: model, style: try form.text("style"), substyle: try form.text("substyle"), styleID: try form.text("style_id"),
            defaultStyle: settings.defaultStyle)
        if let name = style.style { add("style", name, .string(name)) }
        if let name = style.substyle { add("substyle", name, .string(name)) }
        if let styleID = style.styleID { request["style_id"] = .string(styleID) }
        if let negative = try form.text("negative_prompt") {
            guard negative.count <= RecraftRequestValidator.promptLimit else {
                throw GatewayError.validation(field: "negative_prompt", "is longer than \(RecraftRequestValidator.promptLimit) characters")
            }
            add("negative_prompt", negative, .string(negative))
        }
        if let format = try responseFormat(form) { add("response_format", format, .string(format)) }

        var upstream: JSONObject = ["form": FormUpload(parts: parts).stored]
        if let styleID = style.styleID { upstream["style_id"] = .string(styleID) }
        var call = TaskCall(action: operation.action, model: model, request: request, path: operation.path, upstreamBody: upstream)
        style.price(&call, count: count)
        style.reference(&call, slot: .field("style_id"))
        return call
    }

    /// `POST /styles`: a base `style` and 1–5 `files` (images) → `{"id"}`, a style only the caller may use.
    func createStyle(_ form: FormUpload) throws -> TaskCall {
        let style = try text(form, "style", allowed: RecraftSettings.customStyleBases, required: true) ?? ""
        let files = form.all("files") + form.all("file")
        guard (1...Self.styleFileLimit).contains(files.count), files.allSatisfy({ !$0.bytes.isEmpty }) else {
            throw GatewayError.validation(field: "files", "must be 1 to \(Self.styleFileLimit) non-empty image files")
        }
        let parts =
            [FormUpload.Part(name: "style", bytes: Array(style.utf8))]
            + files.enumerated().map { index, file in
                FormUpload.Part(name: "files", filename: file.filename ?? "style-\(index)", contentType: file.contentType, bytes: file.bytes)
            }
        var call = TaskCall(
            action: RecraftOperation.createStyle.action, model: "recraft-style",
            request: ["style": .string(style), "files": .array(files.map(Self.describe))], path: RecraftOperation.createStyle.path,
            upstreamBody: ["form": FormUpload(parts: parts).stored])
        call.route = .anyChannel
        return call
    }

    private func responseFormat(_ form: FormUpload) throws -> String? {
        try text(form, "response_format", allowed: RecraftRequestValidator.responseFormats)
    }

    private func text(_ form: FormUpload, _ name: String, allowed: [String], required: Bool = false) throws -> String? {
        guard let value = try form.text(name) else {
            if required { throw GatewayError.validation(field: name, "is required") }
            return nil
        }
        guard allowed.contains(value) else { throw GatewayError.validation(field: name, "must be one of \(allowed.joined(separator: ", "))") }
        return value
    }

    private func integer(_ form: FormUpload, _ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let value = try form.text(name) else { return nil }
        guard let number = Int(value), range.contains(number) else {
            throw GatewayError.validation(field: name, "must be an integer between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// What the customer's `request` shows of an uploaded file: its name, type and size, never its bytes.
    private static func describe(_ part: FormUpload.Part) -> JSONValue {
        .object([
            "filename": part.filename.map(JSONValue.string) ?? .null, "content_type": part.contentType.map(JSONValue.string) ?? .null,
            "bytes": .int(part.bytes.count),
        ])
    }
}
