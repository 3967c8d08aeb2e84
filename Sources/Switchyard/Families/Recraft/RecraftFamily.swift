import Foundation

/// Recraft as a task family whose upstream answers at once: a call is held, sent, and its answer recorded as a
/// finished task (or refused with nothing charged), so the ledger, durable records, artifacts and the media store
/// treat it as every other task. Custom styles are artifacts: their ids are Switchyard's, usable only by their owner.
public struct RecraftFamily: ArtifactProducingTaskFamily {
    public let name = "recraft"
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    /// Recraft has no callbacks.
    public let callbackStates: Set<TaskState> = []

    /// The artifact kind of a custom style.
    static let styleKind = "style"

    public init() {}

    /// The stored call: JSON, or the stored form (with the resolved style id as one more field).
    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        let stored = task.upstreamRequest
        guard let form = FormUpload(stored: stored["body"]?["form"]) else { return try StoredUpstreamCall.request(from: stored) }
        guard let path = stored["path"]?.stringValue else { throw GatewayError.internalError("stored upstream call has no path") }
        var parts = form.parts
        if let styleID = stored["body"]?["style_id"]?.stringValue { parts.append(.init(name: "style_id", bytes: Array(styleID.utf8))) }
        return .multipart(.POST, path, form: FormUpload(parts: parts))
    }

    /// A success is the finished task; anything else is refused with Recraft's own message where it sent one.
    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(Self.upstreamError(response)) }
        guard let answer = response.json, let operation = RecraftOperation(action: task.action), Self.isComplete(answer, operation) else {
            return .rejected(.upstreamMalformed)
        }
        // Recraft keeps no task: the first image's id (or the style's) names the call upstream.
        let upstreamID = answer["data"]?.arrayValue?.first?["image_id"]?.stringValue ?? answer["id"]?.stringValue ?? PublicID.uuid()
        return .accepted(
            upstreamID: upstreamID, observation: TaskObservation(state: .succeeded, upstreamStatus: "completed", result: answer, failureReason: nil))
    }

    /// Recraft keeps no task to ask about; a call is always finished by its answer, so this is never sent.
    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/users/me", body: nil)
    }

    /// The upstream keeps no task: one that did not finish with its answer is lost (failed and refunded).
    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome { .missing }

    /// A created style, published under a public id, with its base style (which prices calls that use it).
    public func artifacts(in result: JSONValue, of task: TaskRecord) -> [ProducedArtifact] {
        guard task.action == RecraftOperation.createStyle.action, let id = result["id"]?.stringValue else { return [] }
        return [
            ProducedArtifact(
                kind: Self.styleKind, upstreamID: id, model: task.model,
                payload: .object(["id": .string(id), "style": task.request["style"] ?? .null]))
        ]
    }

    public func newArtifactID(kind: String) -> String { PublicID.uuid() }

    /// The finished call in Recraft's shape; a task that did not finish renders as an error object.
    public func render(_ task: TaskRecord) -> String {
        guard task.state == .succeeded, let result = task.result, let operation = RecraftOperation(action: task.action) else {
            let message = task.failureReason ?? "The image is not ready"
            return JSONValue.object(["code": .string(task.state == .failed ? "generation_failed" : "not_ready"), "message": .string(message)])
                .encoded()
        }
        switch operation.answer {
        case .images:
            return JSONValue.object(["created": .int(Int(task.createdAt / 1000)), "data": result["data"] ?? .array([])]).encoded()
        case .image:
            return JSONValue.object(["image": result["image"] ?? .null]).encoded()
        case .style:
            return JSONValue.object(["id": result["id"] ?? .null]).encoded()
        }
    }

    /// The image URLs (or nothing, for base64 answers) of a finished task, in order.
    static func imageURLs(in task: TaskRecord) -> [String] {
        guard let result = task.result else { return [] }
        if let images = result["data"]?.arrayValue { return images.compactMap { $0["url"]?.stringValue } }
        return [result["image"]?["url"]?.stringValue].compactMap { $0 }
    }

    /// Whether `answer` has what the operation's answer shows.
    private static func isComplete(_ answer: JSONValue, _ operation: RecraftOperation) -> Bool {
        switch operation.answer {
        case .images:
            guard let images = answer["data"]?.arrayValue, !images.isEmpty else { return false }
            return images.allSatisfy { $0["url"]?.stringValue != nil || $0["b64_json"]?.stringValue != nil }
        case .image:
            return answer["image"]?["url"]?.stringValue != nil || answer["image"]?["b64_json"]?.stringValue != nil
        case .style:
            return answer["id"]?.stringValue?.isEmpty == false
        }
    }

    /// An upstream refusal as a customer error: Recraft's own `message` when it is short, else the status's meaning.
    /// A 404 can only be about a style (nothing else in a call names an upstream object). A 402 (the channel's account has no credits) is the platform's problem, not the caller's.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        switch response.status {
        case 400, 422:
            if let message = response.json?["message"]?.stringValue, !message.isEmpty, message.count <= 300 {
                return .upstreamRejected(status: .badRequest, message: message)
            }
            return .upstreamStatus(response.status, retryable: false)
        case 404:
            // Recraft's message names its own id of what it lost; customers only ever see Switchyard's ids.
            return .upstreamRejected(status: .notFound, message: "The provider no longer has the style this call names")
        case 402:
            return .upstreamRejected(status: .serviceUnavailable, message: "The upstream account of this channel has no credits left")
        default:
            return .upstreamStatus(response.status, retryable: false)
        }
    }

    /// The channel probe's question, cheap and authenticated: the account behind the key.
    static let probeRequest = UpstreamRequest.json(.GET, "/users/me", body: nil)
}
