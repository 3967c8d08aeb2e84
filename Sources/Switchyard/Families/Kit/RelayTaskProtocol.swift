import Hummingbird

/// The relay task protocol that Suno and Udio relays share: the success envelope
/// `{"code":"success","message":"","data": ...}`, the task object's statuses (`NOT_START` … `SUCCESS`), and refusals
/// that may come inside an HTTP 200.
enum RelayTaskProtocol {
    /// The envelope around already-encoded JSON `data`.
    static func response(data: String) -> Response {
        .json(#"{"code":"success","message":"","data":"# + data + "}")
    }

    static func response(_ data: JSONValue) -> Response {
        response(data: data.encoded())
    }

    /// The `data` of an upstream answer when it is a success envelope, HTTP-200 errors included as failures.
    static func data(of response: UpstreamResponse) -> JSONValue? {
        guard response.isSuccess, let envelope = response.json, envelope["code"] == "success" else { return nil }
        return envelope["data"] ?? .null
    }

    /// A submit answered with the new task's upstream id as `data`: accepted and queued; anything else refused.
    static func parseSubmitted(_ response: UpstreamResponse) -> SubmitOutcome {
        guard let data = data(of: response) else { return .rejected(upstreamError(response)) }
        guard let upstreamID = data.stringValue, !upstreamID.isEmpty else { return .rejected(.upstreamMalformed) }
        return .accepted(upstreamID: upstreamID, observation: TaskObservation(state: .queued, upstreamStatus: "SUBMITTED", result: nil))
    }

    /// What a poll of a task object says.
    static func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        if response.status == 404 { return .missing }
        guard let task = data(of: response), let status = task["status"]?.stringValue else {
            return .unknown("HTTP \(response.status)")
        }
        let state: TaskState
        switch status {
        case "NOT_START", "SUBMITTED", "QUEUED": state = .queued
        case "IN_PROGRESS": state = .running
        case "SUCCESS": state = .succeeded
        case "FAILURE": state = .failed
        default: return .unknown("unknown status \(status)")
        }
        return .observed(TaskObservation(state: state, upstreamStatus: status, result: task, failureReason: task["fail_reason"]?.stringValue))
    }

    /// A task's state as the protocol's `status`.
    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting: "NOT_START"
        case .queued: ["NOT_START", "SUBMITTED", "QUEUED"].contains(task.upstreamStatus ?? "") ? task.upstreamStatus ?? "SUBMITTED" : "SUBMITTED"
        case .running: "IN_PROGRESS"
        case .succeeded: "SUCCESS"
        case .failed: "FAILURE"
        }
    }

    /// An upstream refusal as a customer error: the upstream's own message for request errors (it names no secret).
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        if (400..<500).contains(response.status) || response.isSuccess, response.status != 401, response.status != 403, response.status != 429,
            let message = response.json?["message"]?.stringValue, !message.isEmpty, message.count <= 300
        {
            return .upstreamRejected(status: .badRequest, message: message)
        }
        return response.isSuccess ? .upstreamMalformed : .upstreamStatus(response.status, retryable: false)
    }
}
