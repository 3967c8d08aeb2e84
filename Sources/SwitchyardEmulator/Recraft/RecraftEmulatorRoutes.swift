import Foundation
import Hummingbird
import NIOCore

/// Recraft's image API served under `/recraft/v1`: generations (WebP for raster styles, SVG for vector ones), the
/// multipart image tools and custom styles, each answered at once, as Recraft does.
///
/// Besides the shared `[fault:<x>]` keywords (in a JSON or form `prompt`), a prompt steers Recraft's own refusals: `[recraft:moderation]` (400
/// `prompt_moderated`) and `[recraft:no-credits]` (402 `not_enough_credits`). Request counters are keyed like
/// "POST /recraft/v1/images/generations".
struct RecraftEmulatorRoutes: Sendable {
    let family: EmulatorFamilyEndpoint<RecraftVocabulary>
    let styles: RecraftEmulatorStyles

    /// Largest multipart body accepted (images to vectorize, upscale or learn a style from).
    static let maximumFormBytes = 8 << 20
    /// The tools that answer one image `{"image": {...}}`.
    static let tools = ["vectorize", "removeBackground", "clarityUpscale", "generativeUpscale"]
    /// The tools that answer generated images `{"created", "data"}`.
    static let edits = ["imageToImage", "inpaint", "replaceBackground"]

    /// The multipart routes honour the `X-Emulator-Fault` header and the fault mix; their bodies are forms, read by
    /// the routes themselves, so no JSON field is scanned for keywords.
    static let formFaults = EmulatorFamilyEndpoint<RecraftVocabulary>.FaultSelection.requested(keywordFields: [])

    /// What a call makes: how many images, SVG or not, and as URLs or base64.
    struct Output: Sendable {
        var count = 1
        var isVector = false
        var base64 = false
    }

    func register(on router: Router<EmulatorRequestContext>) {
        let api = router.group(RouterPath(RecraftCatalog.basePath))
        api.post("images/generations") { request, context in
            try await family.respond(
                "POST \(RecraftCatalog.basePath)/images/generations", request, context, readsBody: true,
                faults: .requested(keywordFields: ["prompt"])
            ) { call in
                let output = try generation(call.body, ownerKey: call.ownerKey)
                return EmulatorResponse.json(images(output))
            }
        }
        for tool in Self.tools {
            api.post(RouterPath("images/\(tool)")) { request, context in
                try await family.respond("POST \(RecraftCatalog.basePath)/images/\(tool)", request, context, faults: Self.formFaults) { _ in
                    let form = try await Self.form(request)
                    guard let file = form.part("file"), !file.body.isEmpty else { throw RecraftError.invalid("file: Field required") }
                    let base64 = try Self.responseFormat(form) == "b64_json"
                    return EmulatorResponse.json(.object([("image", image(Self.file(forTool: tool), base64: base64))]))
                }
            }
        }
        for edit in Self.edits {
            api.post(RouterPath("images/\(edit)")) { request, context in
                try await family.respond("POST \(RecraftCatalog.basePath)/images/\(edit)", request, context, faults: Self.formFaults) { call in
                    let form = try await Self.form(request)
                    // A form's prompt steers the error faults as a JSON body's does.
                    if let fault = EmulatorFaultSelector.promptFault(in: form.part("prompt")?.text),
                        let response = family.vocabulary.faultResponse(fault, successStatus: .ok)
                    {
                        return response
                    }
                    let output = try self.edit(edit, form, ownerKey: call.ownerKey)
                    return EmulatorResponse.json(images(output))
                }
            }
        }
        api.post("styles") { request, context in
            try await family.respond("POST \(RecraftCatalog.basePath)/styles", request, context, faults: Self.formFaults) { call in
                let form = try await Self.form(request)
                guard let base = form.part("style")?.text, RecraftCatalog.customStyleBases.contains(base) else {
                    throw RecraftError.invalid("style: Input should be one of \(RecraftCatalog.customStyleBases.joined(separator: ", "))")
                }
                let files = form.parts.filter { $0.name == "files" || $0.name == "file" }
                guard (1...5).contains(files.count), files.allSatisfy({ !$0.body.isEmpty }) else {
                    throw RecraftError.invalid("files: 1 to 5 images are required")
                }
                return EmulatorResponse.json(.object([("id", .string(styles.create(base: base, ownerKey: call.ownerKey)))]))
            }
        }
        api.get("users/me") { request, context in
            try await family.respond("GET \(RecraftCatalog.basePath)/users/me", request, context) { _ in
                EmulatorResponse.json(
                    .object([
                        ("id", .string("emulated-user")), ("name", .string("Emulator")), ("email", .string("api@recraft.invalid")),
                        ("credits", .int(100_000)),
                    ]))
            }
        }
    }

    /// Validates a generation body as Recraft does.
    private func generation(_ body: EmulatorJSONFields, ownerKey: String) throws -> Output {
        guard let prompt = try body.string("prompt", required: true), !prompt.isEmpty, prompt.count <= 1_000 else {
            throw RecraftError.invalid("prompt: String should have 1 to 1000 characters")
        }
        try Self.refusal(in: prompt)
        let model = try body.choice("model", from: RecraftCatalog.models) ?? "recraftv3"
        var output = Output()
        output.count = try Self.count(body.int("n"))
        output.isVector = try style(
            model: model, style: body.string("style"), substyle: body.string("substyle"), styleID: body.string("style_id"), ownerKey: ownerKey)
        if let size = try body.string("size"), !RecraftCatalog.sizes.contains(size) { throw RecraftError.invalid("size: Unsupported size \(size)") }
        output.base64 = try body.choice("response_format", from: ["url", "b64_json"]) == "b64_json"
        _ = try body.string("negative_prompt")
        if let controls = try body.object("controls") {
            if let level = try controls.int("artistic_level"), !(0...5).contains(level) {
                throw RecraftError.invalid("controls.artistic_level: Input should be between 0 and 5")
            }
            _ = try controls.bool("no_text")
            for color in try controls.objects("colors") ?? [] { try Self.color(color) }
            if let background = try controls.object("background_color") { try Self.color(background) }
        }
        _ = try body.array("text_layout")
        return output
    }

    /// Validates an image edit form (`imageToImage`, `inpaint`, `replaceBackground`).
    private func edit(_ edit: String, _ form: EmulatorMultipart, ownerKey: String) throws -> Output {
        guard let image = form.part("image") ?? form.part("file"), !image.body.isEmpty else { throw RecraftError.invalid("image: Field required") }
        guard let prompt = form.part("prompt")?.text, !prompt.isEmpty, prompt.count <= 1_000 else {
            throw RecraftError.invalid("prompt: String should have 1 to 1000 characters")
        }
        try Self.refusal(in: prompt)
        if edit == "imageToImage" {
            guard let text = form.part("strength")?.text, let strength = Double(text), (0...1).contains(strength) else {
                throw RecraftError.invalid("strength: Input should be a number between 0 and 1")
            }
        }
        if edit == "inpaint", form.part("mask")?.body.isEmpty ?? true { throw RecraftError.invalid("mask: Field required") }
        let model = form.part("model")?.text ?? "recraftv3"
        guard RecraftCatalog.models.contains(model) else {
            throw RecraftError.invalid("model: Input should be one of \(RecraftCatalog.models.joined(separator: ", "))")
        }
        var output = Output()
        output.count = try Self.count(
            form.part("n").map { text in
                guard let number = Int(text.text) else { throw RecraftError.invalid("n: Input should be a valid integer") }
                return number
            })
        output.isVector = try style(
            model: model, style: form.part("style")?.text, substyle: form.part("substyle")?.text, styleID: form.part("style_id")?.text,
            ownerKey: ownerKey)
        output.base64 = try Self.responseFormat(form) == "b64_json"
        return output
    }

    /// Checks a style choice and says whether it makes SVG images.
    private func style(model: String, style: String?, substyle: String?, styleID: String?, ownerKey: String) throws -> Bool {
        if let styleID {
            guard style == nil else { throw RecraftError.invalid("style and style_id are mutually exclusive") }
            guard let custom = styles.style(styleID, ownerKey: ownerKey) else {
                throw RecraftError(status: .notFound, code: "not_found", message: "Style \(styleID) not found")
            }
            return RecraftCatalog.vectorStyles.contains(custom.base)
        }
        let chosen = style ?? "realistic_image"
        guard let substyles = RecraftCatalog.styles[model]?[chosen] else {
            throw RecraftError.invalid("style: \(chosen) is not supported by \(model)")
        }
        if let substyle, !substyles.contains(substyle) {
            throw RecraftError.invalid("substyle: \(substyle) is not a substyle of \(chosen) on \(model)")
        }
        return RecraftCatalog.vectorStyles.contains(chosen)
    }

    /// The answer of a generation or edit: `{"created", "data": [{"url" | "b64_json", "image_id"}]}`.
    private func images(_ output: Output) -> EmulatorJSON {
        let data = (0..<output.count).map { _ -> EmulatorJSON in
            let id = EmulatorIdentifier.uuid()
            var members = image("\(id).\(output.isVector ? "svg" : "webp")", base64: output.base64).objectMembers
            members.append(("image_id", .string(id)))
            return .object(members)
        }
        return .object([("created", .int(Int(Date().timeIntervalSince1970))), ("data", .array(data))])
    }

    /// One image as `{"url"}` on this emulator's media, or `{"b64_json"}` with the file's bytes.
    private func image(_ file: String, base64: Bool) -> EmulatorJSON {
        if base64, let media = EmulatorMediaFile(named: file) { return .object([("b64_json", .string(media.bytes.base64EncodedString()))]) }
        return .object([("url", .string("\(family.mediaBaseURL(RecraftCatalog.mediaFolder))/\(file)"))])
    }

    /// The file a tool answers: SVG for `vectorize`, a transparent PNG for `removeBackground`, WebP otherwise.
    private static func file(forTool tool: String) -> String {
        let id = EmulatorIdentifier.uuid()
        switch tool {
        case "vectorize": return "\(id).svg"
        case "removeBackground": return "\(id)_cutout.png"
        default: return "\(id).webp"
        }
    }

    /// The refusals a prompt asks for: Recraft's own (moderation, no credits) and the shared error faults.
    private static func refusal(in prompt: String) throws {
        let lowered = prompt.lowercased()
        if lowered.contains("[recraft:moderation]") { throw RecraftError.moderated }
        if lowered.contains("[recraft:no-credits]") { throw RecraftError.noCredits }
    }

    private static func count(_ n: Int?) throws -> Int {
        let count = n ?? 1
        guard (1...6).contains(count) else { throw RecraftError.invalid("n: Input should be between 1 and 6") }
        return count
    }

    private static func color(_ fields: EmulatorJSONFields) throws {
        guard let parts = try fields.array("rgb"), parts.count == 3,
            parts.allSatisfy({ if case .int(let value) = $0 { (0...255).contains(value) } else { false } })
        else { throw RecraftError.invalid("\(fields.name("rgb")): Input should be three integers 0-255") }
    }

    private static func responseFormat(_ form: EmulatorMultipart) throws -> String {
        let format = form.part("response_format")?.text ?? "url"
        guard ["url", "b64_json"].contains(format) else { throw RecraftError.invalid("response_format: Input should be 'url' or 'b64_json'") }
        return format
    }

    /// The request's multipart form; a body that is not one is a 400 in Recraft's shape.
    private static func form(_ request: Request) async throws -> EmulatorMultipart {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maximumFormBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw RecraftError(status: .contentTooLarge, code: "request_too_large", message: "Request body too large")
        }
        guard let form = EmulatorMultipart(body, contentType: request.headers[.contentType]) else {
            throw RecraftError.invalid("Request body must be multipart/form-data")
        }
        return form
    }
}

extension EmulatorJSON {
    /// The members of an object, empty for anything else.
    fileprivate var objectMembers: [(String, EmulatorJSON)] {
        if case .object(let members) = self { return members }
        return []
    }
}
