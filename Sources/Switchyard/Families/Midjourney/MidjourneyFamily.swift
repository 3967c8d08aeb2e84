import Foundation

/// Midjourney as a task family: the midjourney-proxy protocol upstream (`mj-api-secret`, submit codes inside a 200,
/// the task object polled at `/mj/task/{id}/fetch`), and the task object customers see, with Switchyard's ids.
public struct MidjourneyFamily: TaskFamily {
    public let name = "midjourney"
    public let authorizer: any UpstreamAuthorizer = MidjourneyAuthorizer()
    /// The proxy posts the task on every change: submitted, started, each progress step, and the end.
    public let callbackStates: Set<TaskState> = [.queued, .running, .succeeded, .failed]
    public var reportsEveryChange: Bool { true }

    public init() {}

    /// The proxy's look: epoch milliseconds followed by random digits (19 digits; unique in practice and a valid
    /// 64-bit integer for clients that parse it).
    public func newTaskID() -> String {
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        return String(millis) + String(format: "%06d", Int.random(in: 0..<1_000_000))
    }

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    /// Codes 1, 21 and 22 accept the task (a 21 may leave it waiting for a modal); any other code refuses it, with
    /// the upstream's code and safe words kept for the answer.
    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(Self.upstreamError(response)) }
        guard let answer = response.json, let code = answer["code"]?.intValue else { return .rejected(.upstreamMalformed) }
        let description = String((answer["description"]?.stringValue ?? "").prefix(300))
        guard MidjourneySubmitResult.acceptedCodes.contains(code) else {
            return .rejected(
                MidjourneySubmitResult.refusal(
                    code: code, description: description.isEmpty ? "Refused by the upstream" : description,
                    properties: MidjourneySubmitResult.safe(answer["properties"])))
        }
        let submit: JSONValue = .object([
            "code": .int(code), "description": .string(description), "properties": .object(MidjourneySubmitResult.safe(answer["properties"])),
        ])
        if task.action == MidjourneyAction.upload.priceName {
            // Uploads answer at once with the image URLs: a finished task.
            guard case .array(let urls)? = answer["result"], urls.allSatisfy({ $0.stringValue != nil }) else { return .rejected(.upstreamMalformed) }
            let observation = TaskObservation(
                state: .succeeded, upstreamStatus: "SUCCESS", result: .object(["urls": .array(urls), "submit": submit]))
            return .accepted(upstreamID: "upload-\(task.id)", observation: observation)
        }
        guard let upstreamID = answer["result"]?.stringValue, !upstreamID.isEmpty, upstreamID.count <= 100 else {
            return .rejected(.upstreamMalformed)
        }
        let status = answer["properties"]?["status"]?.stringValue == "MODAL" ? "MODAL" : "SUBMITTED"
        return .accepted(
            upstreamID: upstreamID,
            observation: TaskObservation(state: .queued, upstreamStatus: status, result: .object(["status": .string(status), "submit": submit])))
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/mj/task/\(RequestInput.pathSegment(task.upstreamID ?? ""))/fetch", body: nil)
    }

    /// The proxy answers an unknown id with an empty 200 (or a 404); a task object otherwise.
    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        if response.status == 404 { return .missing }
        guard response.isSuccess else { return .unknown("HTTP \(response.status)") }
        if response.body.readableBytes == 0 || response.json == .null { return .missing }
        guard let task = response.json, let status = task["status"]?.stringValue else { return .unknown("unreadable body") }
        let state: TaskState
        switch status {
        case "NOT_START", "SUBMITTED", "MODAL": state = .queued
        case "IN_PROGRESS": state = .running
        case "SUCCESS": state = .succeeded
        case "FAILURE", "CANCEL": state = .failed
        default: return .unknown("unknown status \(status)")
        }
        let reason = task["failReason"]?.stringValue.map { String($0.prefix(500)) }
        return .observed(
            TaskObservation(state: state, upstreamStatus: status, result: task, failureReason: state == .failed ? (reason ?? "Task \(status)") : nil))
    }

    /// The proxy's task object: Switchyard's id, epoch-millisecond times, the status vocabulary, buttons naming
    /// public ids; the caller's `state` and `customId` come from the request, not from the upstream.
    public func render(_ task: TaskRecord) -> String {
        let result = task.result
        let request = task.request
        var object = JSONObject()
        object["id"] = .string(task.id)
        object["action"] = request["action"] ?? .string(MidjourneyAction.imagine.rawValue)
        object["customId"] = request["customId"] ?? .null
        object["botType"] = request["botType"] ?? "MID_JOURNEY"
        object["prompt"] = result?["prompt"] ?? request["prompt"] ?? ""
        object["promptEn"] = result?["promptEn"] ?? request["prompt"] ?? ""
        object["description"] = request["description"] ?? ""
        object["state"] = request["state"] ?? .null
        // The proxy's speed mode word (`FAST`, `RELAX`, `TURBO`) of the tier the task ran in.
        object["mode"] = .string(task.model.hasPrefix("mj-") ? task.model.dropFirst(3).uppercased() : task.model)
        object["submitTime"] = .int(Int(task.createdAt))
        object["startTime"] = result?["startTime"].flatMap { $0.intValue.map { .int($0) } } ?? .null
        object["finishTime"] = task.finishedAt.map { .int(Int($0)) } ?? .null
        let failed = task.state == .failed
        object["imageUrl"] = failed ? .null : (result?["imageUrl"]?.stringValue.map(JSONValue.string) ?? .null)
        object["videoUrl"] = failed ? .null : (result?["videoUrl"]?.stringValue.map(JSONValue.string) ?? .null)
        object["status"] = .string(Self.status(of: task))
        object["progress"] = .string(Self.progress(of: task))
        object["failReason"] = task.failureReason.map(JSONValue.string) ?? .null
        object["buttons"] = task.state == .succeeded ? MidjourneyButtons.rendered(result, publicID: task.id) : .array([])
        object["maskBase64"] = .null
        var properties = JSONObject()
        for key in ["finalPrompt", "finalZhPrompt"] {
            if let text = result?["properties"]?[key]?.stringValue { properties[key] = .string(text) }
        }
        if let urls = result?["urls"] { properties["urls"] = urls }
        object["properties"] = .object(properties)
        return JSONValue.object(object).encoded()
    }

    /// The proxy's `status` word for a task.
    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting: "NOT_START"
        case .queued: ["NOT_START", "MODAL"].contains(task.upstreamStatus ?? "") ? task.upstreamStatus ?? "SUBMITTED" : "SUBMITTED"
        case .running: "IN_PROGRESS"
        case .succeeded: "SUCCESS"
        case .failed: task.upstreamStatus == "CANCEL" ? "CANCEL" : "FAILURE"
        }
    }

    /// `"0%"` … `"100%"`: the upstream's while it works, 100% once done.
    static func progress(of task: TaskRecord) -> String {
        switch task.state {
        case .succeeded: return "100%"
        case .running:
            guard let text = task.result?["progress"]?.stringValue, text.hasSuffix("%"), let value = Int(text.dropLast()), (0...100).contains(value)
            else { return "0%" }
            return text
        default: return "0%"
        }
    }

    /// An upstream refusal by HTTP status: 401/403 and 5xx as the executor classifies them, 4xx as a refusal.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        if (400..<500).contains(response.status), ![401, 403, 404, 429].contains(response.status),
            let description = response.json?["description"]?.stringValue, !description.isEmpty, description.count <= 300
        {
            return .upstreamRejected(status: .badRequest, message: description)
        }
        return .upstreamStatus(response.status, retryable: false)
    }

    /// The channel probe's question: a task no upstream made, answered (empty) to a valid key.
    static let probeRequest = UpstreamRequest.json(.GET, "/mj/task/0/fetch", body: nil)
}
