/// Pika as relays expose it: `POST /generate` answers `{"id"}`, `GET /feed/{id}` the video with its status
/// (`queued`, `pending`, `finished`, `error`) and, once finished, `resultUrl`; the customer sees the same shapes
/// with Switchyard's id.
public struct PikaFamily: TaskFamily {
    public let name = "pika"
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    /// The feed object is posted when the video has an outcome.
    public let callbackStates: Set<TaskState> = [.succeeded, .failed]

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(Self.upstreamError(response)) }
        guard let id = response.json?["id"]?.stringValue, !id.isEmpty else { return .rejected(.upstreamMalformed) }
        return .accepted(upstreamID: id, observation: TaskObservation(state: .queued, upstreamStatus: "queued", result: nil))
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/feed/\(RequestInput.pathSegment(task.upstreamID ?? ""))", body: nil)
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        if response.status == 404 { return .missing }
        guard response.isSuccess, let feed = response.json, let video = feed["videos"]?.arrayValue?.first,
            let status = video["status"]?.stringValue
        else { return .unknown("HTTP \(response.status)") }
        switch status {
        case "queued": return .observed(TaskObservation(state: .queued, upstreamStatus: status, result: video))
        case "pending": return .observed(TaskObservation(state: .running, upstreamStatus: status, result: video))
        case "finished":
            guard video["resultUrl"]?.stringValue?.isEmpty == false else { return .unknown("finished without a resultUrl") }
            return .observed(TaskObservation(state: .succeeded, upstreamStatus: status, result: video))
        case "error":
            let reason = video["error"]?.stringValue.map { "The generation failed (\($0))" } ?? "The generation failed"
            return .observed(TaskObservation(state: .failed, upstreamStatus: status, result: video, failureReason: reason))
        default: return .unknown("unknown status \(status)")
        }
    }

    /// The feed object: `{"id","promptText","videos":[{"id","status","seed","resultUrl",…,"progress"}]}`, the one
    /// video under the task's id.
    public func render(_ task: TaskRecord) -> String {
        let upstream = task.result ?? .null
        var video = JSONObject()
        video["id"] = .string(task.id)
        video["status"] = .string(Self.status(of: task))
        video["seed"] = upstream["seed"] ?? .null
        let finished = task.state == .succeeded
        for key in ["resultUrl", "videoPoster", "imageThumb"] {
            video[key] = finished ? (upstream[key] ?? .null) : .null
        }
        // The upstream's sharing page names the upstream's own id: never shown.
        video["sharingUrl"] = .null
        video["duration"] = upstream["duration"] ?? task.request["options"]?["duration"] ?? 5
        video["error"] = task.state == .failed ? .string(task.failureReason ?? "The generation failed") : .null
        video["progress"] = finished ? 100 : (task.state.isLive ? (upstream["progress"] ?? 0) : .null)
        var feed = JSONObject()
        feed["id"] = .string(task.id)
        feed["promptText"] = task.request["promptText"] ?? ""
        if let effect = task.request["pikaffect"] { feed["pikaffect"] = effect }
        feed["videos"] = .array([.object(video)])
        return JSONValue.object(feed).encoded()
    }

    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting, .queued: "queued"
        case .running: "pending"
        case .succeeded: "finished"
        case .failed: "error"
        }
    }

    /// An upstream refusal as a customer error: the relay's own message for request errors.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        if [400, 422].contains(response.status), let message = response.json?["error"]?["message"]?.stringValue, !message.isEmpty,
            message.count <= 300
        {
            return .upstreamRejected(status: .badRequest, message: message)
        }
        return .upstreamStatus(response.status, retryable: false)
    }
}
