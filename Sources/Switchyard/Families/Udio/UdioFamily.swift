/// Udio as a task family: the relay task protocol upstream (`RelayTaskProtocol`, as Suno relays speak it), with each task's two
/// songs as artifacts so that every id a customer sees is Switchyard's own.
public struct UdioFamily: ArtifactProducingTaskFamily {
    public let name = "udio"
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    public let callbackStates: Set<TaskState> = [.running, .succeeded, .failed]

    /// The one Udio call, and its price name.
    static let generateAction = "generate"
    /// The `action` word of Udio's task object.
    static let taskAction = "udio-generate"
    /// The artifact kind of a song.
    static let songKind = "song"

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        RelayTaskProtocol.parseSubmitted(response)
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/udio/fetch/\(RequestInput.pathSegment(task.upstreamID ?? ""))", body: nil)
    }

    /// The relay task protocol's statuses.
    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        RelayTaskProtocol.parsePoll(response)
    }

    /// The task's songs, each published with its `generation_id` reading as the task's public id.
    public func artifacts(in result: JSONValue, of task: TaskRecord) -> [ProducedArtifact] {
        guard case .array(let songs)? = result["data"] else { return [] }
        return songs.compactMap { song in
            guard let id = song["id"]?.stringValue else { return nil }
            return ProducedArtifact(
                kind: Self.songKind, upstreamID: id, model: song["model_type"]?.stringValue ?? task.model, payload: Self.public(song, of: task))
        }
    }

    public func newArtifactID(kind: String) -> String { PublicID.uuid() }

    /// The task object in the relay shape, with Switchyard's ids and the customer's `notify_hook`.
    public func render(_ task: TaskRecord) -> String {
        var object = JSONObject()
        object["task_id"] = .string(task.id)
        object["notify_hook"] = task.callbackURL.map(JSONValue.string) ?? .null
        object["action"] = .string(Self.taskAction)
        object["status"] = .string(RelayTaskProtocol.status(of: task))
        object["fail_reason"] = task.failureReason.map(JSONValue.string) ?? .null
        object["submit_time"] = .number(Double(task.createdAt / 1000))
        object["start_time"] = task.result?["start_time"] ?? .null
        object["finish_time"] = task.finishedAt.map { .number(Double($0 / 1000)) } ?? .null
        object["progress"] = task.state == .succeeded ? "100%" : (task.result?["progress"] ?? "0%")
        object["data"] = task.result?["data"]?.arrayValue.map { .array($0.map { Self.public($0, of: task) }) } ?? .array([])
        return JSONValue.object(object).encoded()
    }

    /// A song with the upstream's task id (`generation_id`) replaced by the task's public id.
    static func `public`(_ song: JSONValue, of task: TaskRecord) -> JSONValue {
        guard var object = song.objectValue else { return song }
        if object["generation_id"] != nil { object["generation_id"] = .string(task.id) }
        return .object(object)
    }

    /// The channel probe's question, cheap and authenticated: the songs of an id no upstream made, an empty list to
    /// a valid key.
    static let probeRequest = UpstreamRequest.json(.GET, "/udio/query?ids=00000000-0000-0000-0000-000000000000", body: nil)
}
