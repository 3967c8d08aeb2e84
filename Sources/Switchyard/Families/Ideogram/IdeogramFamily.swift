import Foundation

/// Ideogram as a task family whose upstream answers at once: a call is accepted with its finished images (or its
/// descriptions) as a terminal observation, so holds, settlement, records and the media store work as for the
/// asynchronous families, and the route answers the finished task in Ideogram's own shape. A refusal (bad input,
/// safety check, no credits) is a rejection: nothing is charged.
public struct IdeogramFamily: TaskFamily {
    public let name = "ideogram"
    public let authorizer: any UpstreamAuthorizer = IdeogramAuthorizer()
    /// Ideogram calls take no callback: the answer is the result.
    public let callbackStates: Set<TaskState> = []

    /// Where a call's multipart form is kept in the stored upstream body.
    static let formKey = "form"

    public init() {}

    /// The stored call: JSON for `/generate`, the kept form for the multipart routes.
    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        let call = task.upstreamRequest
        if let form = FormUpload(stored: call["body"]?[Self.formKey]), let path = call["path"]?.stringValue {
            return .multipart(.POST, path, form: form)
        }
        return try StoredUpstreamCall.request(from: call)
    }

    /// A 200 with images (`data`) or descriptions is the finished task; Ideogram's refusals are rejections with
    /// its own message (it names no secret).
    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(Self.upstreamError(response)) }
        guard let answer = response.json, Self.isFinished(answer) else { return .rejected(.upstreamMalformed) }
        // Ideogram keeps no task: the gateway's id stands for it.
        return .accepted(upstreamID: task.id, observation: TaskObservation(state: .succeeded, upstreamStatus: "SUCCESS", result: answer))
    }

    /// Ideogram has no status call. It is only asked about a task whose submission outcome is unknown, and it
    /// cannot say: a path it does not serve, read as "missing", so the hold is released after the grace period.
    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/tasks/\(RequestInput.pathSegment(task.id))", body: nil)
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome { .missing }

    /// The finished answer as Ideogram gave it (with the gateway's media URLs once the media store has them).
    public func render(_ task: TaskRecord) -> String {
        if let result = task.result, task.state == .succeeded { return result.encoded() }
        return JSONValue.object(["detail": .string(task.failureReason ?? "The call has not finished")]).encoded()
    }

    /// `{"created", "data":[{url…}]}` with at least one image, or describe's `{"descriptions":[{"text"}]}`. An image
    /// Ideogram flags unsafe counts as made (and is charged) whether or not it comes with a link.
    static func isFinished(_ answer: JSONValue) -> Bool {
        if let images = answer["data"]?.arrayValue { return !images.isEmpty && images.allSatisfy { $0.objectValue != nil } }
        return answer["descriptions"]?.arrayValue?.isEmpty == false
    }

    /// An upstream refusal as a customer error: Ideogram's message for the request's own faults (400, 422 such as a
    /// failed safety check), the status alone for the account's (401/403 keys, 402 credits, 429, 5xx).
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        if [400, 422].contains(response.status), let message = message(in: response.json), !message.isEmpty, message.count <= 300 {
            return .upstreamRejected(status: response.status == 400 ? .badRequest : .unprocessableContent, message: message)
        }
        return .upstreamStatus(response.status, retryable: false)
    }

    /// The text of `{"detail": "..."}`, `{"error": "..."}` or FastAPI's `{"detail": [{"msg"}]}`.
    private static func message(in body: JSONValue?) -> String? {
        if let text = body?["detail"]?.stringValue ?? body?["error"]?.stringValue ?? body?["message"]?.stringValue { return text }
        return body?["detail"]?.arrayValue?.compactMap { $0["msg"]?.stringValue }.joined(separator: "; ")
    }
}
