/// Validates `POST /recraft/v1/images/generations` bodies against Recraft's catalog and builds the call to run;
/// every problem is a 400 naming the field, before anything is held.
struct RecraftRequestValidator: Sendable {
    let settings: RecraftSettings

    /// The longest prompt V2 and V3 take.
    static let promptLimit = 1_000
    static let responseFormats = ["url", "b64_json"]

    /// The generation call. A `style_id` is the caller's own style, which the engine translates into the upstream's
    /// id and pins the call to the channel that made it.
    func generate(_ body: JSONObject) throws -> TaskCall {
        let fields = JSONFieldReader(body)
        let prompt = try fields.string("prompt", required: true, maxLength: Self.promptLimit) ?? ""
        guard !prompt.allSatisfy(\.isWhitespace) else { throw GatewayError.validation(field: "prompt", "must not be empty") }
        let count = try fields.int("n", range: 1...2) ?? 1
        let model = try fields.string("model", allowed: settings.models) ?? settings.defaultModel
        let size = try fields.string("size", allowed: settings.sizes) ?? settings.defaultSize
        let negativePrompt = try fields.string("negative_prompt", maxLength: Self.promptLimit)
        let responseFormat = try fields.string("response_format", allowed: Self.responseFormats)
        let style = try RecraftStyleChoice(
            model: model, style: try fields.string("style", maxLength: 100), substyle: try fields.string("substyle", maxLength: 100),
            styleID: try fields.string("style_id", maxLength: 100), defaultStyle: settings.defaultStyle)

        var upstream: JSONObject = ["prompt": .string(prompt), "n": .int(count), "model": .string(model), "size": .string(size)]
        style.write(into: &upstream)
        if let negativePrompt { upstream["negative_prompt"] = .string(negativePrompt) }
        if let responseFormat { upstream["response_format"] = .string(responseFormat) }
        if let controls = try Self.controls(fields) { upstream["controls"] = .object(controls) }
        if let layout = try Self.textLayout(fields) { upstream["text_layout"] = .array(layout) }

        var call = TaskCall(
            action: RecraftOperation.generate.action, model: model, request: body, path: RecraftOperation.generate.path,
            upstreamBody: upstream)
        style.price(&call, count: count)
        style.reference(&call, slot: .field("style_id"))
        return call
    }

    /// `controls`: preferred colors, a background color, the artistic level (0–5) and `no_text`.
    static func controls(_ fields: JSONFieldReader) throws -> JSONObject? {
        guard let controls = try fields.object("controls") else { return nil }
        var upstream = JSONObject()
        if let colors = try controls.objects("colors", maxCount: 20) {
            upstream["colors"] = .array(try colors.map { .object(try color($0)) })
        }
        if let background = try controls.object("background_color") { upstream["background_color"] = .object(try color(background)) }
        if let level = try controls.int("artistic_level", range: 0...5) { upstream["artistic_level"] = .int(level) }
        if let noText = try controls.bool("no_text") { upstream["no_text"] = .bool(noText) }
        return upstream
    }

    /// One color, `{"rgb": [r, g, b]}` with each part 0–255.
    private static func color(_ fields: JSONFieldReader) throws -> JSONObject {
        guard case .array(let parts)? = fields.object["rgb"], parts.count == 3 else {
            throw GatewayError.validation(field: fields.path + "rgb", "must be an array of three integers 0-255")
        }
        let values = try parts.map { part -> Int in
            guard let value = part.intValue, (0...255).contains(value) else {
                throw GatewayError.validation(field: fields.path + "rgb", "must be an array of three integers 0-255")
            }
            return value
        }
        return ["rgb": .array(values.map(JSONValue.int))]
    }

    /// `text_layout`: texts to place, each `{"text", "bbox": [[x, y] × 4]}` with coordinates between 0 and 1.
    static func textLayout(_ fields: JSONFieldReader) throws -> [JSONValue]? {
        guard let items = try fields.objects("text_layout", maxCount: 20) else { return nil }
        return try items.map { item in
            let text = try item.string("text", required: true, maxLength: 200) ?? ""
            guard case .array(let corners)? = item.object["bbox"], corners.count == 4,
                corners.allSatisfy({ corner in
                    guard case .array(let point) = corner, point.count == 2 else { return false }
                    return point.allSatisfy { $0.doubleValue.map { (0...1).contains($0) } ?? false }
                })
            else { throw GatewayError.validation(field: item.path + "bbox", "must be four [x, y] points between 0 and 1") }
            return .object(["text": .string(text), "bbox": .array(corners)])
        }
    }
}

/// A call's style: a catalog style (with an optional substyle valid for it on the model) or the caller's own
/// `style_id`, never both.
struct RecraftStyleChoice: Sendable {
    let style: String?
    let substyle: String?
    let styleID: String?

    init(model: String, style: String?, substyle: String?, styleID: String?, defaultStyle: String) throws {
        if let styleID {
            guard style == nil else { throw GatewayError.validation(field: "style_id", "cannot be combined with style") }
            guard substyle == nil else { throw GatewayError.validation(field: "substyle", "cannot be combined with style_id") }
            guard !styleID.isEmpty else { throw GatewayError.validation(field: "style_id", "must not be empty") }
            self.style = nil
            self.substyle = nil
            self.styleID = styleID
            return
        }
        let styles = RecraftSettings.styles[model] ?? [:]
        let chosen = style ?? defaultStyle
        guard let substyles = styles[chosen] else {
            throw GatewayError.validation(field: "style", "must be one of \(styles.keys.sorted().joined(separator: ", ")) for model \(model)")
        }
        if let substyle, !substyles.contains(substyle) {
            throw GatewayError.validation(field: "substyle", "is not a substyle of \(chosen) on model \(model)")
        }
        self.style = chosen
        self.substyle = substyle
        self.styleID = nil
    }

    /// Whether the images are SVG, as far as the catalog style tells (a custom style tells once resolved).
    var isVector: Bool { style.map(RecraftSettings.vectorStyles.contains) ?? false }

    /// The style fields of a JSON upstream body (the style id is written when the engine resolves it).
    func write(into upstream: inout JSONObject) {
        if let style { upstream["style"] = .string(style) }
        if let substyle { upstream["substyle"] = .string(substyle) }
        if let styleID { upstream["style_id"] = .string(styleID) }
    }

    /// The facts that price `count` images in this style.
    func price(_ call: inout TaskCall, count: Int) {
        call.priceFacts[RecraftPrices.outputFact] = isVector ? RecraftPrices.vector : RecraftPrices.raster
        call.priceFacts[RecraftPrices.countFact] = String(count)
    }

    /// The caller's style id as a reference the engine resolves into `slot`.
    func reference(_ call: inout TaskCall, slot: TaskCall.Reference.Slot) {
        guard let styleID else { return }
        call.references.append(.init(kind: RecraftFamily.styleKind, id: styleID, slot: slot, notFound: .notFound("Style \(styleID)")))
    }
}
