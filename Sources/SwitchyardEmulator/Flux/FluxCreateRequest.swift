/// Validation of `POST /v1/{model}` as BFL judges it: each model's own required inputs and bounds; every problem a
/// 422 naming the field.
enum FluxCreateRequest {
    /// Validates `body` for `model` (of kind `kind`) and plans the task.
    /// - Throws: `FluxValidationError`, or `EmulatorHTTPError` for a field of the wrong type.
    static func plan(model: String, kind: FluxCatalog.Kind, _ body: EmulatorJSONFields) throws -> FluxTaskPlan {
        let prompt = try body.string("prompt") ?? ""
        switch kind {
        case .classic:
            try dimensions(body, range: 256...1440, step: 32)
            try requireOne(body, ["prompt", "image_prompt"])
        case .ultra:
            try aspectRatio(body, wide: 21, narrow: 9)
            try unit(body, "image_prompt_strength")
            try requireOne(body, ["prompt", "image_prompt"])
        case .kontext:
            try aspectRatio(body, wide: 7, narrow: 3)
            try requireOne(body, ["prompt"])
        case .imageTool:
            try requireOne(body, ["image"])
        case .control:
            try requireOne(body, ["prompt"])
            try requireOne(body, ["control_image", "preprocessed_image"])
        case .flux2:
            try dimensions(body, range: 64...2048, step: 16)
            try requireOne(body, ["prompt"])
        }
        let tolerance = kind == .flux2 ? 0...5 : 0...6
        if let value = try body.int("safety_tolerance"), !tolerance.contains(value) {
            throw FluxValidationError.field(
                "safety_tolerance", "Input should be between \(tolerance.lowerBound) and \(tolerance.upperBound)", type: "less_than_equal")
        }
        if let steps = try body.int("steps"), !(1...50).contains(steps) {
            throw FluxValidationError.field("steps", "Input should be between 1 and 50", type: "less_than_equal")
        }
        let seed = try body.int("seed")
        if let seed, seed < 0 { throw FluxValidationError.field("seed", "Input should be greater than or equal to 0", type: "greater_than_equal") }
        let format = try body.string("output_format") ?? "jpeg"
        guard ["jpeg", "png"].contains(format) else {
            throw FluxValidationError.field("output_format", "Input should be 'jpeg' or 'png'", type: "enum")
        }
        _ = try body.string("webhook_url")
        let lowered = prompt.lowercased()
        let moderation: FluxTaskPlan.Moderation =
            lowered.contains(FluxCatalog.requestModeratedMarker) ? .request : lowered.contains(FluxCatalog.contentModeratedMarker) ? .content : .none
        return FluxTaskPlan(
            model: model, prompt: prompt, seed: seed ?? Int.random(in: 0...Int(UInt32.max)), outputFormat: format, moderation: moderation)
    }

    /// `width` and `height`, when given, within `range` and multiples of `step`.
    private static func dimensions(_ body: EmulatorJSONFields, range: ClosedRange<Int>, step: Int) throws {
        for name in ["width", "height"] {
            guard let value = try body.int(name) else { continue }
            guard range.contains(value) else {
                throw FluxValidationError.field(name, "Input should be between \(range.lowerBound) and \(range.upperBound)", type: "less_than_equal")
            }
            guard value % step == 0 else { throw FluxValidationError.field(name, "Input should be a multiple of \(step)", type: "multiple_of") }
        }
    }

    /// `aspect_ratio`, when given, as `W:H` between `narrow:wide` and `wide:narrow`.
    private static func aspectRatio(_ body: EmulatorJSONFields, wide: Int, narrow: Int) throws {
        guard let text = try body.string("aspect_ratio") else { return }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let message = "Aspect ratio must be W:H between \(narrow):\(wide) and \(wide):\(narrow)"
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0, width <= 10_000, height <= 10_000
        else { throw FluxValidationError.field("aspect_ratio", message) }
        let ratio = Double(width) / Double(height)
        let widest = Double(wide) / Double(narrow)
        guard ratio <= widest + 1e-9, ratio >= 1 / widest - 1e-9 else { throw FluxValidationError.field("aspect_ratio", message) }
    }

    /// A number field between 0 and 1, when given.
    private static func unit(_ body: EmulatorJSONFields, _ name: String) throws {
        if let value = try body.number(name), !(0...1).contains(value) {
            throw FluxValidationError.field(name, "Input should be between 0 and 1", type: "less_than_equal")
        }
    }

    /// At least one of `names` given as a non-empty string.
    private static func requireOne(_ body: EmulatorJSONFields, _ names: [String]) throws {
        for name in names where !(try body.string(name) ?? "").isEmpty { return }
        throw FluxValidationError.field(
            names[0], names.count == 1 ? "Field required" : "Either \(names.joined(separator: " or ")) is required", type: "missing")
    }
}
