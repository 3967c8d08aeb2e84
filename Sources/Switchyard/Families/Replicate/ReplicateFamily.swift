import Foundation

/// Replicate as a task family: predictions upstream (`/v1/predictions`), polled by id, cancelled upstream, and shown
/// to customers as Replicate's prediction object with Switchyard's id and the gateway's own URLs.
public struct ReplicateFamily: CancellableTaskFamily {
    public let name = "replicate"
    /// Any `owner/name` exists upstream; which ones this gateway sells is what its channels name.
    public let modelsAreNamedByChannels = true
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    /// Every state a webhook may be told of; each prediction narrows it with its `webhook_events_filter`.
    public let callbackStates: Set<TaskState> = [.queued, .running, .succeeded, .failed]

    /// The one Replicate call, and its price name.
    static let predictAction = "predict"
    /// The failure reason of a prediction its owner (or the upstream) canceled; rendered as status `canceled`.
    static let canceledReason = "Canceled by the customer"
    /// Where the request keeps the gateway's own URL of the prediction routes (`http://host/replicate/v1`), for `urls`.
    static let baseURLKey = "gateway_base_url"

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(Self.upstreamError(response)) }
        guard let prediction = response.json, let id = prediction["id"]?.stringValue, !id.isEmpty, let observation = Self.observation(of: prediction)
        else { return .rejected(.upstreamMalformed) }
        return .accepted(upstreamID: id, observation: observation)
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/v1/predictions/\(RequestInput.pathSegment(task.upstreamID ?? ""))", body: nil)
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        if response.status == 404 { return .missing }
        guard response.isSuccess else { return .unknown("HTTP \(response.status)") }
        guard let prediction = response.json, let observation = Self.observation(of: prediction) else { return .unknown("unreadable body") }
        return .observed(observation)
    }

    public func cancelRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.POST, "/v1/predictions/\(RequestInput.pathSegment(task.upstreamID ?? ""))/cancel", body: nil)
    }

    /// The prediction's `metrics.predict_time`: what a model priced per second is charged for.
    public func measuredSeconds(in observation: TaskObservation) -> Double? {
        observation.result?["metrics"]?["predict_time"]?.doubleValue
    }

    /// New logs and outputs of a processing prediction are posted as they are seen (`output` and `logs` events).
    public var reportsEveryChange: Bool { true }

    /// The prediction's `webhook_events_filter` as states: `start` is the prediction starting (`starting`), `output`
    /// and `logs` its processing (its start, then each change a poll sees), `completed` its end. Without a filter
    /// every event is posted, as Replicate does.
    public func callbackStates(of task: TaskRecord) -> Set<TaskState> {
        guard case .array(let events)? = task.request["webhook_events_filter"] else { return callbackStates }
        var states: Set<TaskState> = []
        for event in events.compactMap(\.stringValue) {
            switch event {
            case "start": states.insert(.queued)
            case "output", "logs": states.insert(.running)
            case "completed": states.formUnion([.succeeded, .failed])
            default: break
            }
        }
        return states
    }

    /// What a Replicate prediction says, kept without the upstream's own `urls` (which point at the upstream and
    /// which the media store must not copy).
    static func observation(of prediction: JSONValue) -> TaskObservation? {
        guard let status = prediction["status"]?.stringValue else { return nil }
        var kept = JSONObject()
        for key in ["model", "version", "output", "logs", "metrics", "started_at", "completed_at", "error"] {
            if let value = prediction[key] { kept[key] = value }
        }
        let result = JSONValue.object(kept)
        switch status {
        case "starting": return TaskObservation(state: .queued, upstreamStatus: status, result: result)
        case "processing": return TaskObservation(state: .running, upstreamStatus: status, result: result)
        case "succeeded": return TaskObservation(state: .succeeded, upstreamStatus: status, result: result)
        case "failed":
            return TaskObservation(
                state: .failed, upstreamStatus: status, result: result, failureReason: prediction["error"]?.stringValue ?? "Prediction failed")
        case "canceled":
            return TaskObservation(state: .failed, upstreamStatus: status, result: result, failureReason: canceledReason)
        default: return nil
        }
    }

    /// The prediction object as Replicate shows it, with Switchyard's id and the gateway's URLs.
    public func render(_ task: TaskRecord) -> String {
        let result = task.result
        var prediction = JSONObject()
        prediction["id"] = .string(task.id)
        prediction["model"] = result?["model"]?.stringValue.map(JSONValue.string) ?? .string(task.request["model"]?.stringValue ?? task.model)
        prediction["version"] = result?["version"]?.stringValue.map(JSONValue.string) ?? .string(task.request["version"]?.stringValue ?? "")
        prediction["input"] = task.request["input"] ?? .object([:])
        prediction["logs"] = result?["logs"]?.stringValue.map(JSONValue.string) ?? .string("")
        prediction["output"] = task.state == .succeeded ? (result?["output"] ?? .null) : .null
        prediction["data_removed"] = .bool(false)
        let status = Self.status(of: task)
        prediction["error"] = status == "failed" ? .string(task.failureReason ?? "Prediction failed") : .null
        prediction["status"] = .string(status)
        prediction["source"] = .string("api")
        prediction["created_at"] = .string(Self.timestamp(millis: task.createdAt))
        prediction["started_at"] = result?["started_at"]?.stringValue.map(JSONValue.string) ?? .null
        prediction["completed_at"] = task.finishedAt.map { .string(Self.timestamp(millis: $0)) } ?? .null
        let base = task.request[Self.baseURLKey]?.stringValue ?? ""
        let own = "\(base)/predictions/\(task.id)"
        prediction["urls"] = .object(["get": .string(own), "cancel": .string("\(own)/cancel"), "web": .string(own)])
        var metrics = JSONObject()
        if let predictTime = result?["metrics"]?["predict_time"] { metrics["predict_time"] = predictTime }
        if let finishedAt = task.finishedAt { metrics["total_time"] = .number(Double(max(0, finishedAt - task.createdAt)) / 1000) }
        prediction["metrics"] = .object(metrics)
        if let webhook = task.callbackURL { prediction["webhook"] = .string(webhook) }
        return JSONValue.object(prediction).encoded()
    }

    /// Replicate's `status` of a task.
    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting, .queued: "starting"
        case .running: "processing"
        case .succeeded: "succeeded"
        case .failed: task.failureReason == canceledReason ? "canceled" : "failed"
        }
    }

    /// Replicate's timestamps: ISO-8601 with microseconds and `Z`.
    static func timestamp(millis: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0,
            parts.minute ?? 0, parts.second ?? 0, (millis % 1000) * 1000)
    }

    /// An upstream refusal as the customer's error: the upstream's `detail` for a 4xx that is about the request.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        switch response.status {
        case 400, 404, 422:
            let detail = response.json?["detail"]?.stringValue ?? "The upstream refused the prediction"
            return .upstreamRejected(status: response.status == 404 ? .notFound : .unprocessableContent, message: detail)
        default:
            return .upstreamStatus(response.status, retryable: false)
        }
    }

    /// A new prediction id in Replicate's look: 26 lowercase base-32 characters.
    public func newTaskID() -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        var generator = SystemRandomNumberGenerator()
        return String((0..<26).map { _ in alphabet[Int(generator.next() % 32)] })
    }

    /// The channel probe's question, cheap and authenticated: the account's first page of predictions.
    static let probeRequest = UpstreamRequest.json(.GET, "/v1/predictions", body: nil)
}
