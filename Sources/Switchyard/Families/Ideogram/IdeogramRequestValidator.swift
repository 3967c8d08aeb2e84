/// Builds the call of every Ideogram route from the customer's body (JSON for `/generate`, multipart for the
/// rest), checked against the catalog; every problem is a 422 naming the field before anything is held. Prices
/// read `num_images` and, for 3.0, `rendering_speed`.
struct IdeogramRequestValidator: Sendable {
    let settings: IdeogramSettings

    /// `POST /ideogram/generate`: `{"image_request": {...}}`.
    func generate(_ body: JSONObject) throws -> TaskCall {
        guard let request = try JSONFieldReader(body).object("image_request", required: true) else {
            throw GatewayError.validation(field: "image_request", "is required")
        }
        let image = try IdeogramImageRequest(JSONFieldReader(request.object, path: "image_request."), shape: .init(), settings: settings)
        return call(
            .generate, model: image.model, numImages: image.numImages, request: ["image_request": .object(image.fields)],
            upstreamBody: ["image_request": .object(image.fields)])
    }

    /// `POST /ideogram/remix`: `image_file` and `image_request` (a JSON string, with `image_weight`).
    func remix(_ form: FormUpload) throws -> TaskCall {
        try legacyForm(.remix, form, shape: .init(takesImageWeight: true), required: true)
    }

    /// `POST /ideogram/upscale`: `image_file` and an optional `image_request` (`prompt`, `resemblance`, `detail`…).
    func upscale(_ form: FormUpload) throws -> TaskCall {
        try legacyForm(.upscale, form, shape: .init(takesModel: false, isUpscale: true, promptRequired: false), required: false)
    }

    /// `POST /ideogram/edit`: `image_file`, `mask`, `prompt` and `model` (2.0 only), as flat form fields.
    func edit(_ form: FormUpload) throws -> TaskCall {
        var fields = IdeogramForm(form)
        try fields.image("image_file")
        try fields.image("mask")
        _ = try fields.string("prompt", required: true)
        let model = try fields.string("model", required: true, allowed: settings.editModels) ?? settings.editModels[0]
        _ = try fields.string("magic_prompt_option", allowed: IdeogramSettings.magicPromptOptions)
        _ = try fields.string("style_type", allowed: IdeogramSettings.styleTypes)
        _ = try fields.int("seed", range: 0...2_147_483_647)
        let count = try fields.int("num_images", range: 1...8) ?? 1
        return formCall(.edit, fields, model: model, numImages: count)
    }

    /// `POST /ideogram/describe`: `image_file` → its descriptions.
    func describe(_ form: FormUpload) throws -> TaskCall {
        var fields = IdeogramForm(form)
        try fields.image("image_file")
        var call = formCall(.describe, fields, model: IdeogramAction.describe.rawValue, numImages: 1)
        call.route = .anyChannel
        return call
    }

    /// `POST /ideogram/v1/ideogram-v3/<action>`: 3.0's flat form fields, priced by `rendering_speed`.
    func version3(_ action: IdeogramAction, _ form: FormUpload) throws -> TaskCall {
        var fields = IdeogramForm(form)
        switch action {
        case .edit:
            try fields.image("image")
            try fields.image("mask")
        case .remix, .reframe, .replaceBackground: try fields.image("image")
        default: break
        }
        if action != .reframe { _ = try fields.string("prompt", required: true) }
        _ = try fields.int("seed", range: 0...2_147_483_647)
        let speed = try fields.string("rendering_speed", allowed: IdeogramSettings.renderingSpeeds) ?? "DEFAULT"
        let count = try fields.int("num_images", range: 1...8) ?? 1
        if action != .reframe { _ = try fields.string("magic_prompt", allowed: IdeogramSettings.magicPromptOptions) }
        if [.generate, .remix].contains(action) {
            _ = try fields.string("negative_prompt")
            _ = try fields.string("style_type", allowed: IdeogramSettings.version3StyleTypes)
            try fields.images("style_reference_images", limit: 3)
        }
        if action == .remix { _ = try fields.int("image_weight", range: 1...100) }
        if [.generate, .remix, .reframe].contains(action) { try size(&fields, resolutionRequired: action == .reframe) }
        var call = formCall(action, fields, model: settings.version3Model, numImages: count, version3: true)
        call.priceFacts["rendering_speed"] = speed
        return call
    }

    /// 3.0's `resolution` (`1024x1024`) or `aspect_ratio` (`16x9`), not both.
    private func size(_ fields: inout IdeogramForm, resolutionRequired: Bool) throws {
        let aspectRatio = resolutionRequired ? nil : try fields.string("aspect_ratio", allowed: IdeogramSettings.version3AspectRatios)
        guard let resolution = try fields.string("resolution", required: resolutionRequired, maxLength: 20) else { return }
        guard aspectRatio == nil else { throw GatewayError.validation(field: "resolution", "cannot be given with aspect_ratio") }
        let sides = resolution.split(separator: "x").compactMap { Int($0) }
        guard sides.count == 2, IdeogramImageRequest.fits(sides[0], sides[1]) else {
            throw GatewayError.validation(field: "resolution", "must look like 1024x1024 (sides 256–2048, multiples of 16)")
        }
    }

    /// A legacy multipart route whose options travel as an `image_request` JSON string.
    private func legacyForm(_ action: IdeogramAction, _ form: FormUpload, shape: IdeogramImageRequest.Shape, required: Bool) throws -> TaskCall {
        var fields = IdeogramForm(form)
        try fields.image("image_file")
        let object = try fields.object("image_request", required: required) ?? [:]
        let image = try IdeogramImageRequest(JSONFieldReader(object, path: "image_request."), shape: shape, settings: settings)
        fields.keep("image_request", object: image.fields)
        var call = formCall(action, fields, model: shape.takesModel ? image.model : action.rawValue, numImages: image.numImages)
        if !shape.takesModel { call.route = .anyChannel }
        return call
    }

    private func formCall(_ action: IdeogramAction, _ fields: IdeogramForm, model: String, numImages: Int, version3: Bool = false) -> TaskCall {
        call(
            action, model: model, numImages: numImages, request: fields.echo, upstreamBody: [IdeogramFamily.formKey: fields.upload.stored],
            version3: version3)
    }

    private func call(
        _ action: IdeogramAction, model: String, numImages: Int, request: JSONObject, upstreamBody: JSONObject, version3: Bool = false
    ) -> TaskCall {
        let path = version3 ? IdeogramAction.version3Prefix + (action.version3Segment ?? action.rawValue) : action.legacyPath ?? "/" + action.rawValue
        var call = TaskCall(action: action.rawValue, model: model, request: request, path: path, upstreamBody: upstreamBody)
        call.priceFacts["num_images"] = String(numImages)
        return call
    }
}
