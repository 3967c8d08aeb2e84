/// Validates `POST /flux/v1/{model}` bodies against the model's own fields (`FluxModel`) and builds the task call:
/// every problem is a 422 naming the field, before anything is held. Fields the model does not take are left out,
/// as BFL ignores them.
struct FluxRequestValidator: Sendable {
    let callbackPolicy: CallbackTargetPolicy

    /// The longest image (base64 or URL) a field takes; the request body limit is the real bound.
    static let imageMaxLength = 30_000_000

    /// The call for `body` sent to `/flux/v1/{modelName}`.
    func call(model modelName: String, _ body: JSONObject) throws -> TaskCall {
        guard let model = FluxModel.named(modelName) else { throw GatewayError.modelNotFound(modelName) }
        let fields = JSONFieldReader(body)
        var upstream = JSONObject()
        var echo: JSONObject = ["model": .string(model.name)]
        for field in model.fields {
            guard let value = try read(field, fields) ?? field.defaultValue else { continue }
            upstream[field.name] = value
            // Images stay out of what the task shows back: they can be megabytes, and BFL does not echo them.
            if case .image = field.rule { continue }
            echo[field.name] = value
        }
        for group in model.needsOneOf where !group.contains(where: { Self.isGiven(upstream[$0]) }) {
            throw GatewayError.validation(
                field: group[0], group.count == 1 ? "is required" : "or \(group.dropFirst().joined(separator: " or ")) is required")
        }
        let callbackURL = try fields.string("webhook_url", maxLength: 2_048).flatMap { $0.isEmpty ? nil : $0 }
        if let callbackURL {
            _ = try callbackPolicy.checkForm(callbackURL, field: "webhook_url")
            echo["webhook_url"] = .string(callbackURL)
        }
        // The gateway posts the webhook itself (through its outbox), so the upstream is not told where.
        _ = try fields.string("webhook_secret", maxLength: 1_000)
        var call = TaskCall(action: FluxFamily.imageAction, model: model.name, request: echo, path: "/v1/\(model.name)", upstreamBody: upstream)
        call.callbackURL = callbackURL
        return call
    }

    /// The field's value when the request gives it, checked against its rule.
    private func read(_ field: FluxModel.Field, _ fields: JSONFieldReader) throws -> JSONValue? {
        switch field.rule {
        case .text(let maxLength):
            return try fields.string(field.name, maxLength: maxLength).map(JSONValue.string)
        case .image:
            return try fields.string(field.name, maxLength: Self.imageMaxLength).flatMap { $0.isEmpty ? nil : .string($0) }
        case .integer(let range, let multiple):
            guard let value = try fields.int(field.name, range: range) else { return nil }
            guard value % multiple == 0 else { throw GatewayError.validation(field: field.name, "must be a multiple of \(multiple)") }
            return .int(value)
        case .number(let range):
            return try fields.number(field.name, range: range).map(JSONValue.number)
        case .boolean:
            return try fields.bool(field.name).map(JSONValue.bool)
        case .choice(let allowed):
            return try fields.string(field.name, allowed: allowed).map(JSONValue.string)
        case .aspectRatio(let width, let height):
            guard let ratio = try fields.string(field.name, maxLength: 20) else { return nil }
            guard Self.aspectRatio(ratio, widest: Double(width) / Double(height)) else {
                throw GatewayError.validation(field: field.name, "must be W:H between \(height):\(width) and \(width):\(height)")
            }
            return .string(ratio)
        }
    }

    /// Whether `text` is `W:H` with positive whole numbers whose ratio lies within `widest`.
    static func aspectRatio(_ text: String, widest: Double) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), (1...10_000).contains(width), (1...10_000).contains(height)
        else { return false }
        let ratio = Double(width) / Double(height)
        // A hair of tolerance, so that 21:9 itself passes a bound computed as 21.0 / 9.
        return ratio <= widest + 1e-9 && ratio >= 1 / widest - 1e-9
    }

    private static func isGiven(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        if case .string(let text) = value { return !text.isEmpty }
        return value != .null
    }
}
