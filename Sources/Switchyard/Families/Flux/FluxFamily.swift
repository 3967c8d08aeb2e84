import Foundation

/// Black Forest Labs' Flux API as a task family: `POST /v1/{model}` answers an id, `GET /v1/get_result?id=` the
/// task's status; the customer sees the same shapes with Switchyard's id.
public struct FluxFamily: TaskFamily {
    public let name = "flux"
    public let authorizer: any UpstreamAuthorizer = FluxAuthorizer()
    /// BFL calls a webhook once, when the task has an outcome.
    public let callbackStates: Set<TaskState> = [.succeeded, .failed]

    /// The one action of every model (an image), and its price name.
    static let imageAction = "image"
    /// BFL's statuses that end a task without an image; each is refunded.
    static let failureStatuses = ["Error", "Request Moderated", "Content Moderated"]
    /// BFL's answer for an id it does not know (and what a customer gets for an id not theirs).
    static let notFoundStatus = "Task not found"

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    /// `200 {"id","polling_url"}`; the polling URL is BFL's own and is not kept: polls go to the channel's base URL.
    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(Self.upstreamError(response)) }
        guard let id = response.json?["id"]?.stringValue, !id.isEmpty else { return .rejected(.upstreamMalformed) }
        return .accepted(upstreamID: id, observation: TaskObservation(state: .queued, upstreamStatus: "Pending", result: nil))
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        let id = (task.upstreamID ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_."))) ?? ""
        return .json(.GET, "/v1/get_result?id=\(id)", body: nil)
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        let answer = response.json
        if answer?["status"]?.stringValue == Self.notFoundStatus || response.status == 404 { return .missing }
        guard response.isSuccess else { return .unknown("HTTP \(response.status)") }
        guard let answer, let observation = Self.observation(of: answer) else { return .unknown("unreadable body") }
        return .observed(observation)
    }

    /// A get_result answer as an observation: the whole answer is the result, so that its `result.sample` URL is
    /// what the gateway keeps.
    static func observation(of answer: JSONValue) -> TaskObservation? {
        guard let status = answer["status"]?.stringValue else { return nil }
        switch status {
        case "Ready":
            return TaskObservation(state: .succeeded, upstreamStatus: status, result: answer)
        case "Pending":
            let started = (answer["progress"]?.doubleValue ?? 0) > 0
            return TaskObservation(state: started ? .running : .queued, upstreamStatus: status, result: answer)
        case _ where failureStatuses.contains(status):
            return TaskObservation(state: .failed, upstreamStatus: status, result: answer, failureReason: failureReason(status, answer))
        default:
            return nil
        }
    }

    /// Why a task ended without an image, for operators and for the OpenAI bridge's error.
    static func failureReason(_ status: String, _ answer: JSONValue) -> String {
        let details = answer["details"].flatMap { $0 == .null ? nil : $0.encoded() }
        switch status {
        case "Request Moderated": return "The provider's moderation refused the prompt" + (details.map { " (\($0))" } ?? "")
        case "Content Moderated": return "The provider's moderation withheld the generated image" + (details.map { " (\($0))" } ?? "")
        default: return "The generation failed" + (details.map { " (\($0))" } ?? "")
        }
    }

    /// BFL's get_result object, with Switchyard's id: `status` `Pending`, `Ready`, `Error`, `Request Moderated` or
    /// `Content Moderated`; `result` (with `sample`) once Ready.
    public func render(_ task: TaskRecord) -> String {
        var object = JSONObject()
        object["id"] = .string(task.id)
        object["status"] = .string(Self.status(of: task))
        object["result"] = task.state == .succeeded ? (task.result?["result"] ?? .null) : .null
        object["progress"] = task.state.isLive ? (task.result?["progress"] ?? .null) : (task.state == .succeeded ? 1 : .null)
        let upstreamDetails = task.result?["details"].flatMap { $0 == .null ? nil : $0 }
        object["details"] =
            upstreamDetails ?? (task.state == .failed ? .object(["reason": .string(task.failureReason ?? "The generation failed")]) : .null)
        object["preview"] = .null
        return JSONValue.object(object).encoded()
    }

    /// The status word a customer sees: the upstream's own failure word, `Error` for a failure of the gateway's (a
    /// task the upstream lost or that outlived its maximum age).
    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting, .queued, .running: "Pending"
        case .succeeded: "Ready"
        case .failed: task.upstreamStatus.flatMap { failureStatuses.contains($0) ? $0 : nil } ?? "Error"
        }
    }

    /// The body of a customer's request for an id that is not theirs, as BFL answers an unknown id.
    static func notFoundBody(id: String) -> String {
        JSONValue.object(["id": .string(id), "status": .string(notFoundStatus), "result": .null, "progress": .null, "details": .null]).encoded()
    }

    /// An upstream refusal as a customer error: BFL's own message when it gives one (a string `detail`, or the
    /// first `msg` of a validation list), else the status.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        let detail = response.json?["detail"]
        let message = detail?.stringValue ?? detail?.arrayValue?.first?["msg"]?.stringValue
        switch response.status {
        case 400, 404, 422:
            if let message, message.count <= 300 {
                return .upstreamRejected(status: response.status == 422 ? .unprocessableContent : .badRequest, message: message)
            }
            return .upstreamStatus(response.status, retryable: false)
        default:
            return .upstreamStatus(response.status, retryable: false)
        }
    }

    /// The channel probe's question, cheap and authenticated: the account's credits.
    static let probeRequest = UpstreamRequest.json(.GET, "/v1/credits", body: nil)
}
