/// Kling as a task family: creates under `/v1/<kind>`, polls `GET /v1/<kind>/{task_id}`, and publishes every video
/// of a result as an artifact, so that the `id` a customer passes to video-extend and lip-sync is Switchyard's own.
public struct KlingFamily: ArtifactProducingTaskFamily {
    public let name = "kling"
    public let authorizer: any UpstreamAuthorizer
    /// Kling posts the task object to `callback_url` at every status change.
    public let callbackStates: Set<TaskState> = [.running, .succeeded, .failed]

    /// The artifact kind of a video.
    static let videoKind = "video"

    public init(authorizer: any UpstreamAuthorizer = KlingAuthorizer()) {
        self.authorizer = authorizer
    }

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    /// `{"code":0,"data":{"task_id","task_status"}}`; any other code is a refusal carrying Kling's code and message.
    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess, let body = response.json, body["code"]?.intValue == 0 else {
            return .rejected(KlingEnvelope.upstreamError(response))
        }
        guard let upstreamID = body["data"]?["task_id"]?.stringValue, !upstreamID.isEmpty else { return .rejected(.upstreamMalformed) }
        let status = body["data"]?["task_status"]?.stringValue ?? "submitted"
        return .accepted(
            upstreamID: upstreamID,
            observation: Self.observation(status: status, data: nil) ?? .init(state: .queued, upstreamStatus: status, result: nil))
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        let kind = KlingTaskKind(action: task.action) ?? .text2video
        return .json(.GET, "/v1/\(kind.path)/\(RequestInput.pathSegment(task.upstreamID ?? ""))", body: nil)
    }

    /// `task_status` ∈ submitted, processing, succeed, failed; a 404 (or code 1203) says the upstream has no such task.
    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        let body = response.json
        if response.status == 404 || body?["code"]?.intValue == KlingErrorCode.notFound.rawValue { return .missing }
        guard response.isSuccess, body?["code"]?.intValue == 0, let data = body?["data"], let status = data["task_status"]?.stringValue,
            let observation = Self.observation(status: status, data: data)
        else { return .unknown("HTTP \(response.status)") }
        return .observed(observation)
    }

    /// Kling's status word as an observation; nil for a word Kling does not use.
    static func observation(status: String, data: JSONValue?) -> TaskObservation? {
        let state: TaskState
        switch status {
        case "submitted": state = .queued
        case "processing": state = .running
        case "succeed": state = .succeeded
        case "failed": state = .failed
        default: return nil
        }
        let reason = data?["task_status_msg"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        return TaskObservation(
            state: state, upstreamStatus: status, result: data, failureReason: state == .failed ? reason ?? "Generation failed" : nil)
    }

    /// The videos of a result, each a video a later call may name.
    public func artifacts(in result: JSONValue, of task: TaskRecord) -> [ProducedArtifact] {
        (result["task_result"]?["videos"]?.arrayValue ?? []).compactMap { video in
            video["id"]?.stringValue.map { ProducedArtifact(kind: Self.videoKind, upstreamID: $0, model: task.model) }
        }
    }

    public func newArtifactID(kind: String) -> String { PublicID.uuid() }

    /// The task object as Kling shows it (the `data` of a query, the body of a callback), in Switchyard's ids.
    public func render(_ task: TaskRecord) -> String {
        var info = JSONObject()
        if let external = task.request["external_task_id"]?.stringValue { info["external_task_id"] = .string(external) }
        var object: JSONObject = [
            "task_id": .string(task.id), "task_status": .string(Self.status(of: task)),
            "task_status_msg": .string(task.state == .failed ? task.failureReason ?? "Generation failed" : ""),
            "task_info": .object(info), "created_at": .number(Double(task.createdAt)), "updated_at": .number(Double(task.updatedAt)),
        ]
        if task.state == .succeeded, let result = task.result?["task_result"] { object["task_result"] = result }
        return JSONValue.object(object).encoded()
    }

    /// A task's state in Kling's words.
    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting, .queued: "submitted"
        case .running: "processing"
        case .succeeded: "succeed"
        case .failed: "failed"
        }
    }

    /// The channel probe's question, cheap and authenticated: the first page of one task, an empty list to a valid
    /// key pair.
    static let probeRequest = UpstreamRequest.json(.GET, "/v1/videos/text2video?pageNum=1&pageSize=1", body: nil)
}
