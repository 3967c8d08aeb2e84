import Foundation

/// Runway's API as a task family: every create answers `{"id"}`, `GET /tasks/{id}` tells the status, and
/// `DELETE /tasks/{id}` cancels a live task or deletes a finished one. Every call carries the caller's
/// `X-Runway-Version`.
public struct RunwayFamily: CancellableTaskFamily {
    public let name = "runway"
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    /// Runway has no callbacks of its own; nothing is posted.
    public let callbackStates: Set<TaskState> = []

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        RunwayVersion.versioned(try StoredUpstreamCall.request(from: task.upstreamRequest), Self.version(of: task))
    }

    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(Self.upstreamError(response)) }
        guard let id = response.json?["id"]?.stringValue, !id.isEmpty else { return .rejected(.upstreamMalformed) }
        // A create answers only the id: the task is pending until the first poll says more.
        return .accepted(upstreamID: id, observation: TaskObservation(state: .queued, upstreamStatus: "PENDING", result: response.json))
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        RunwayVersion.versioned(.json(.GET, Self.taskPath(task), body: nil), Self.version(of: task))
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        if response.status == 404 { return .missing }
        guard response.isSuccess else { return .unknown("HTTP \(response.status)") }
        guard let task = response.json, let observation = Self.observation(of: task) else { return .unknown("unreadable body") }
        return .observed(observation)
    }

    public func cancelRequest(for task: TaskRecord) -> UpstreamRequest {
        RunwayVersion.versioned(.json(.DELETE, Self.taskPath(task), body: nil), Self.version(of: task))
    }

    /// The task object as Runway answers it, with Switchyard's id and the caller's price in Runway credits.
    public func render(_ task: TaskRecord) -> String {
        var object: JSONObject = ["id": .string(task.id)]
        let status = Self.status(of: task)
        object["status"] = .string(status)
        object["createdAt"] = .string(Self.timestamp(millis: task.createdAt))
        let credits = JSONValue.number(Double(task.priceMicros / RunwayPrices.microsPerCredit))
        switch status {
        case "SUCCEEDED":
            object["output"] = task.result?["output"] ?? .array([])
            object["cost"] = .object(["credits": credits])
        case "FAILED", "CANCELLED":
            object["failure"] = .string(task.failureReason ?? "The task failed")
            if let code = task.result?["failureCode"], code != .null { object["failureCode"] = code }
            // A task that did not succeed is refunded.
            object["cost"] = .object(["credits": 0])
        case "RUNNING":
            object["progress"] = .number(min(max(task.result?["progress"]?.doubleValue ?? 0, 0), 1))
            object["estimatedCost"] = .object(["credits": credits])
        default:
            object["estimatedCost"] = .object(["credits": credits])
        }
        return JSONValue.object(object).encoded()
    }

    /// Runway's status word for a task: its own while it is live, the engine's once it ended.
    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting: "PENDING"
        case .queued: task.upstreamStatus == "THROTTLED" ? "THROTTLED" : "PENDING"
        case .running: "RUNNING"
        case .succeeded: "SUCCEEDED"
        case .failed: task.upstreamStatus == "CANCELLED" ? "CANCELLED" : "FAILED"
        }
    }

    static func observation(of task: JSONValue) -> TaskObservation? {
        guard let status = task["status"]?.stringValue else { return nil }
        let state: TaskState
        switch status {
        case "PENDING", "THROTTLED": state = .queued
        case "RUNNING": state = .running
        case "SUCCEEDED": state = .succeeded
        case "FAILED", "CANCELLED": state = .failed
        default: return nil
        }
        let failure = status == "CANCELLED" ? "The task was cancelled upstream" : task["failure"]?.stringValue
        return TaskObservation(state: state, upstreamStatus: status, result: task, failureReason: state == .failed ? failure : nil)
    }

    /// An upstream refusal as a customer error: Runway's own short message for a 400, else the status.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        if response.status == 400, let message = response.json?["error"]?.stringValue, message.count <= 300 {
            return .upstreamRejected(status: .badRequest, message: message)
        }
        return .upstreamStatus(response.status, retryable: false)
    }

    /// The version the caller sent, kept with the task's request.
    static func version(of task: TaskRecord) -> String? {
        task.request["version"]?.stringValue
    }

    private static func taskPath(_ task: TaskRecord) -> String {
        "/v1/tasks/\(RequestInput.pathSegment(task.upstreamID ?? ""))"
    }

    /// `createdAt`: ISO-8601 with milliseconds and `Z`.
    static func timestamp(millis: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(millis) / 1000))
    }

    /// The channel probe: the account's organization, which answers 200 to a valid key and costs nothing.
    static let probeRequest = RunwayVersion.versioned(.json(.GET, "/v1/organization", body: nil), nil)
}
