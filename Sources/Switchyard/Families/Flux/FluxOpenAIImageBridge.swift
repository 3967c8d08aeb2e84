/// How Flux draws for OpenAI's `POST /v1/images/generations`: the prompt and `size` become the model's own fields
/// (a width and height in the model's steps and bounds, or the nearest aspect ratio for the models that take one),
/// validated as a `/flux/v1/{model}` call is. One task makes one image, so `n` must be 1.
struct FluxOpenAIImageBridge: OpenAIImageBridge {
    var taskFamily: any TaskFamily { FluxFamily() }

    /// The bridge sets no webhook, so the policy only has to exist.
    private let validator = FluxRequestValidator(callbackPolicy: CallbackTargetPolicy(allowPrivateTargets: false))

    func taskCall(for request: OpenAIImageRequest) throws -> TaskCall {
        guard let model = FluxModel.named(request.model) else { throw GatewayError.modelNotFound(request.model) }
        guard request.count == 1 else {
            throw GatewayError.invalidRequest("n: \(model.name) makes one image per request; send n=1 (or leave it out)")
        }
        var body: JSONObject = ["prompt": .string(request.prompt)]
        if let size = request.size, size != "auto" {
            guard let (width, height) = Self.dimensions(size) else {
                throw GatewayError.invalidRequest("size: must be WIDTHxHEIGHT, such as 1024x1024")
            }
            Self.apply(width: width, height: height, for: model, to: &body)
        }
        do {
            return try validator.call(model: model.name, body)
        } catch let error as GatewayError where error.code == .validationFailed {
            // A model that needs an image (fill, expand, canny, depth) cannot draw from a prompt alone.
            throw GatewayError.invalidRequest("\(model.name) cannot serve this request: \(error.message)")
        }
    }

    /// The sample of a Ready task (the gateway's copy once the media store has it).
    func imageURLs(in task: TaskRecord) -> [String] {
        task.result?["result"]?["sample"]?.stringValue.map { [$0] } ?? []
    }

    /// A moderated prompt or image is the request's fault (400); an `Error` the provider's (502). Both were refunded.
    func failure(of task: TaskRecord) -> GatewayError {
        let reason = task.failureReason ?? "The generation failed"
        switch FluxFamily.status(of: task) {
        case "Request Moderated", "Content Moderated":
            return .upstreamRejected(status: .badRequest, message: "\(reason) (\(FluxFamily.status(of: task))). Nothing was charged")
        default:
            return GatewayError(.upstreamUnavailable, .badGateway, "\(reason). Nothing was charged")
        }
    }

    /// `WIDTHxHEIGHT` as two positive numbers.
    static func dimensions(_ size: String) -> (Int, Int)? {
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), (1...100_000).contains(width), (1...100_000).contains(height)
        else { return nil }
        return (width, height)
    }

    /// Writes OpenAI's size as the model's own fields: width and height rounded to the model's step within its
    /// bounds, or the aspect ratio (reduced, and kept within the model's widest) for models that take one.
    static func apply(width: Int, height: Int, for model: FluxModel, to body: inout JSONObject) {
        if let field = model.field("aspect_ratio"), case .aspectRatio(let wide, let narrow) = field.rule {
            body["aspect_ratio"] = .string(ratio(width: width, height: height, widest: Double(wide) / Double(narrow), bound: (wide, narrow)))
            return
        }
        for (name, value) in [("width", width), ("height", height)] {
            guard let field = model.field(name), case .integer(let range, let step) = field.rule else { continue }
            let rounded = Int((Double(value) / Double(step)).rounded()) * step
            let lowest = (range.lowerBound + step - 1) / step * step
            let highest = range.upperBound / step * step
            body[name] = .int(min(max(rounded, lowest), highest))
        }
    }

    /// `width:height` reduced; a ratio past the model's widest (or tallest) becomes that bound.
    static func ratio(width: Int, height: Int, widest: Double, bound: (Int, Int)) -> String {
        let value = Double(width) / Double(height)
        if value > widest { return "\(bound.0):\(bound.1)" }
        if value < 1 / widest { return "\(bound.1):\(bound.0)" }
        let divisor = gcd(width, height)
        return "\(width / divisor):\(height / divisor)"
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }
}
