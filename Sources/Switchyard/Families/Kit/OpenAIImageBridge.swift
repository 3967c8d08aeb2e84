/// How a task family draws for OpenAI's `POST /v1/images/generations` when the request's `model` is one of its
/// models, so that front-ends that speak only OpenAI use every image family. The OpenAI route submits the call as
/// the family's own task (priced, held and settled as one), waits for it to end within the channel's timeout and
/// answers in OpenAI's shape with the images this bridge names.
public protocol OpenAIImageBridge: Sendable {
    /// The family's task codec the call is submitted with.
    var taskFamily: any TaskFamily { get }
    /// The family's own call for an OpenAI images request, validated as the family validates its own calls (a value
    /// it cannot serve is a 400 naming the OpenAI field).
    func taskCall(for request: OpenAIImageRequest) throws -> TaskCall
    /// The image URLs of a finished task, in order (the gateway's media URLs once the media store has them).
    func imageURLs(in task: TaskRecord) -> [String]
    /// The OpenAI error for a task that ended failed (the engine has refunded it).
    func failure(of task: TaskRecord) -> GatewayError
}

extension OpenAIImageBridge {
    /// A 502 naming why the task failed.
    public func failure(of task: TaskRecord) -> GatewayError {
        GatewayError(
            .upstreamUnavailable, .badGateway, "The image generation failed: \(task.failureReason ?? "no reason given"). Nothing was charged")
    }
}

/// OpenAI's images request as the bridge hands it to a family.
public struct OpenAIImageRequest: Sendable {
    public var model: String
    public var prompt: String
    /// `n`, 1 when absent.
    public var count: Int
    /// `size` as `WIDTHxHEIGHT`, when given.
    public var size: String?
    public var quality: String?
    public var style: String?
    /// `url` (default) or `b64_json`.
    public var responseFormat: String
    /// The whole body as sent, for fields a family maps on its own.
    public var body: JSONObject

    public init(
        model: String, prompt: String, count: Int = 1, size: String? = nil, quality: String? = nil, style: String? = nil,
        responseFormat: String = "url", body: JSONObject = [:]
    ) {
        self.model = model
        self.prompt = prompt
        self.count = count
        self.size = size
        self.quality = quality
        self.style = style
        self.responseFormat = responseFormat
        self.body = body
    }
}
