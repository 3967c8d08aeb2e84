/// Suno as a task family: the relay task protocol upstream (the same shapes customers use), with clips and personas
/// as artifacts so that every id a customer sees is Switchyard's own.
public struct SunoFamily: ArtifactProducingTaskFamily {
    public let name = "suno"
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    public let callbackStates: Set<TaskState> = [.running, .succeeded, .failed]

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard Self.answeredAtOnce(task) else { return RelayTaskProtocol.parseSubmitted(response) }
        guard let data = RelayTaskProtocol.data(of: response) else { return .rejected(RelayTaskProtocol.upstreamError(response)) }
        // Answered at once: the call is a task that ends as it starts. Its upstream id is what it made, if anything.
        let upstreamID = data["id"]?.stringValue ?? task.id
        return .accepted(upstreamID: upstreamID, observation: TaskObservation(state: .succeeded, upstreamStatus: "SUCCESS", result: data))
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/suno/fetch/\(RequestInput.pathSegment(task.upstreamID ?? ""))", body: nil)
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        RelayTaskProtocol.parsePoll(response)
    }

    public func artifacts(in result: JSONValue, of task: TaskRecord) -> [ProducedArtifact] {
        let action = SunoAction(rawValue: task.action) ?? .music
        switch action {
        case .music, .extend, .cover, .infill, .concat, .stems:
            // A task holds its clips in `data`; `act/stems` answers with the stem clips themselves.
            guard case .array(let clips)? = Self.answeredAtOnce(task) ? result : result["data"] else { return [] }
            return clips.compactMap(Self.clipArtifact)
        case .upload:
            return Self.clipArtifact(result).map { [$0] } ?? []
        case .persona:
            guard let id = result["id"]?.stringValue else { return [] }
            return [ProducedArtifact(kind: "persona", upstreamID: id, model: result["clip"]?["model_name"]?.stringValue, payload: result)]
        case .lyrics, .timing, .wav, .mp4:
            return []
        }
    }

    public func newArtifactID(kind: String) -> String { PublicID.uuid() }

    /// The task object in Suno's shape, with Switchyard's ids and the customer's `notify_hook`.
    public func render(_ task: TaskRecord) -> String {
        let action = SunoAction(rawValue: task.action) ?? .music
        var object = JSONObject()
        object["task_id"] = .string(task.id)
        object["notify_hook"] = task.callbackURL.map(JSONValue.string) ?? .null
        object["action"] = .string(task.result?["action"]?.stringValue ?? action.taskAction)
        object["status"] = .string(RelayTaskProtocol.status(of: task))
        object["fail_reason"] = task.failureReason.map(JSONValue.string) ?? .null
        object["submit_time"] = .number(Double(task.createdAt / 1000))
        object["start_time"] = task.result?["start_time"] ?? .null
        object["finish_time"] = task.finishedAt.map { .number(Double($0 / 1000)) } ?? .null
        object["progress"] = task.state == .succeeded ? "100%" : (task.result?["progress"] ?? "0%")
        object["data"] = (Self.answeredAtOnce(task) ? task.result : task.result?["data"]) ?? .null
        return JSONValue.object(object).encoded()
    }

    /// Whether the upstream answered `task` at once rather than with a task to poll. Stems come both ways:
    /// `GET /suno/act/stems/{clip}` answers with the stem clips, `task: gen_stem` on `/suno/submit/music` makes a
    /// music task whose clips are the stems.
    static func answeredAtOnce(_ task: TaskRecord) -> Bool {
        guard let action = SunoAction(rawValue: task.action), action.isSynchronous else { return false }
        return !(action == .stems && task.request["task"] == "gen_stem")
    }

    /// The channel probe's question, cheap and authenticated: the feed of a clip id no upstream made, an empty list
    /// to a valid key (Suno relays have no ping).
    static let probeRequest = UpstreamRequest.json(.GET, "/suno/feed/00000000-0000-0000-0000-000000000000", body: nil)

    static func clipArtifact(_ clip: JSONValue) -> ProducedArtifact? {
        guard let id = clip["id"]?.stringValue else { return nil }
        return ProducedArtifact(kind: "clip", upstreamID: id, model: clip["model_name"]?.stringValue, payload: clip)
    }
}
