import Foundation
import Hummingbird
import NIOCore

/// OpenAI's `POST /v1/images/generations` for models no OpenAI channel serves but a task family with an
/// `OpenAIImageBridge` does (Flux, Recraft, Ideogram): the request becomes that family's own task, submitted as its
/// routes submit (priced, held, settled or refunded by the engine), waited for within the channel's timeout, and
/// answered in OpenAI's shape. A task that fails is refunded by the engine and answered with an OpenAI error; a
/// wait that times out answers 504 while the task runs on, to be settled or refunded as any task is.
struct OpenAIImageBridgeRoute: Sendable {
    let context: FamilyContext
    /// Every family's bridge.
    let bridges: [any OpenAIImageBridge]
    let images: OpenAIImageBytes

    init(context: FamilyContext) {
        self.context = context
        bridges = FamilyModules.all.compactMap { $0.openAIImageBridge(settings: context.config.families) }
        images = OpenAIImageBytes(
            policy: context.callbackPolicy, timeoutMillis: context.config.upstream.requestTimeoutMillis, media: context.engine.media?.store)
    }

    /// The answer when a bridge serves the body's model; nil when the relay should answer (an OpenAI channel serves
    /// it, no bridge does, or the body is not one the bridge can read, which the relay then refuses as usual).
    func answer(_ body: ByteBuffer, token: Token, request: Request, requestContext: GatewayRequestContext) async throws -> Response? {
        // Most calls go on to the relay: the model is read by the scanner alone, the body is parsed only when bridged.
        guard !bridges.isEmpty else { return nil }
        let bytes = Array(body.readableBytesView)
        guard let document = try? StrictJSONScanner.scanObject(bytes), let modelRange = document.range(of: "model"),
            let model = JSONValue.parse(bytes[modelRange])?.stringValue
        else { return nil }
        let revision = token.settingsRevision
        guard try await context.channels.candidates(family: OpenAIModule.familyName, model: model, revision: revision).isEmpty else { return nil }
        var serving: (any OpenAIImageBridge)?
        for bridge in bridges where !(try await context.channels.candidates(family: bridge.taskFamily.name, model: model, revision: revision).isEmpty)
        {
            serving = bridge
            break
        }
        guard let bridge = serving, case .object(let object)? = JSONValue.parse(bytes) else { return nil }

        let imageRequest = try Self.imageRequest(object, model: model)
        let call = try bridge.taskCall(for: imageRequest)
        let table = context.taskRoutes(for: bridge.taskFamily)
        let submitted = try await table.submit(call, token: token, context: requestContext)
        let channel = try await submitted.channelID.asyncFlatMap { try await context.channels.find(id: $0) }
        // The wait is the timeout of the channel that took the task, else the upstream timeout.
        let timeout = channel?.timeoutMillis ?? context.config.upstream.requestTimeoutMillis
        guard let task = try await context.engine.waitForEnd(id: submitted.id, ownedBy: token.id, timeoutMillis: timeout) else {
            throw GatewayError.internalError("The image task disappeared")
        }
        switch task.state {
        case .succeeded:
            let urls = bridge.imageURLs(in: task)
            guard !urls.isEmpty else { throw GatewayError.upstreamMalformed }
            return try await respond(
                urls, format: imageRequest.responseFormat, createdMillis: task.createdAt, channelBaseURL: channel?.baseURL,
                requestContext: requestContext)
        case .failed:
            throw bridge.failure(of: task)
        case .submitting, .queued, .running:
            throw GatewayError(
                .upstreamTimeout, .gatewayTimeout,
                "The image was not ready within \(timeout / 1000) s. Its task \(task.id) keeps running; it is charged only if it succeeds")
        }
    }

    /// OpenAI's fields, checked as OpenAI checks them (400s naming the field).
    static func imageRequest(_ object: JSONObject, model: String) throws -> OpenAIImageRequest {
        let fields = JSONFieldReader(object)
        let prompt = try fields.string("prompt", required: true, maxLength: 32_000) ?? ""
        return OpenAIImageRequest(
            model: model, prompt: prompt, count: try fields.int("n", range: 1...10) ?? 1, size: try fields.string("size", maxLength: 20),
            quality: try fields.string("quality", maxLength: 20), style: try fields.string("style", maxLength: 20),
            responseFormat: try fields.string("response_format", allowed: ["url", "b64_json"]) ?? "url", body: object)
    }

    /// `{"created","data":[{"url"}|{"b64_json"}]}`.
    private func respond(
        _ urls: [String], format: String, createdMillis: Int64, channelBaseURL: String?, requestContext: GatewayRequestContext
    ) async throws -> Response {
        var data: [JSONValue] = []
        for url in urls {
            if format == "b64_json" {
                let bytes = try await images.read(url, channelBaseURL: channelBaseURL, logger: requestContext.logger)
                data.append(.object(["b64_json": .string(Data(bytes).base64EncodedString())]))
            } else {
                data.append(.object(["url": .string(url)]))
            }
        }
        return .json(JSONValue.object(["created": .int(Int(createdMillis / 1000)), "data": .array(data)]).encoded())
    }
}

extension Optional {
    /// `map` with an async transform.
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
