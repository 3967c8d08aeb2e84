/// Recraft behind OpenAI's `POST /v1/images/generations`: `model` `recraftv3` or `recraftv2`, with OpenAI's `n`,
/// `size`, `response_format` and a Recraft `style` (OpenAI's own `vivid`/`natural` mean nothing to Recraft and are
/// left out), validated as Recraft's own route validates them.
public struct RecraftOpenAIImageBridge: OpenAIImageBridge {
    let settings = RecraftSettings()

    public init() {}

    public var taskFamily: any TaskFamily { RecraftFamily() }

    public func taskCall(for request: OpenAIImageRequest) throws -> TaskCall {
        var body: JSONObject = ["prompt": .string(request.prompt), "model": .string(request.model), "n": .int(request.count)]
        if let size = request.size { body["size"] = .string(size) }
        if let style = request.style, !["vivid", "natural"].contains(style) { body["style"] = .string(style) }
        if let substyle = request.body["substyle"] { body["substyle"] = substyle }
        if let negative = request.body["negative_prompt"] { body["negative_prompt"] = negative }
        if let controls = request.body["controls"] { body["controls"] = controls }
        // Recraft is always asked for URLs: the media store keeps the files, and the OpenAI route encodes them itself
        // when the caller wants `b64_json` (a `b64_json` answer from Recraft would carry no URL to name the images by).
        guard ["url", "b64_json"].contains(request.responseFormat) else {
            throw GatewayError.validation(field: "response_format", "must be one of url, b64_json")
        }
        body["response_format"] = "url"
        return try RecraftRequestValidator(settings: settings).generate(body)
    }

    public func imageURLs(in task: TaskRecord) -> [String] { RecraftFamily.imageURLs(in: task) }
}
