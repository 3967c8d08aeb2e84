import Foundation

/// MiniMax's video API as a task family. Three upstream calls make one result: `video_generation` answers a
/// task id, `query/video_generation` the task's status and, on Success, a `file_id`, and `files/retrieve` the
/// file's download URL. The engine polls the query until Success, then the file, and the task is finished once
/// the file (and its URL, which the media store copies) is known; the file becomes the customer's own artifact.
public struct MiniMaxFamily: ArtifactProducingTaskFamily {
    public let name = "minimax"
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    /// MiniMax posts its callback as the task moves (processing, success, failed).
    public let callbackStates: Set<TaskState> = [.running, .succeeded, .failed]

    /// The action every model prices under.
    static let videoAction = "video"
    /// The artifact kind of a generated file.
    static let fileKind = "file"
    /// What marks a sensitive-input refusal in a gateway error's message (rendered back as 1026).
    static let sensitiveInputMarker = "(1026)"

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    /// `{"task_id","base_resp":{"status_code":0}}`; a non-zero code inside the HTTP 200 is a refusal.
    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else { return .rejected(.upstreamStatus(response.status, retryable: false)) }
        guard let answer = response.json, let code = answer["base_resp"]?["status_code"]?.intValue else { return .rejected(.upstreamMalformed) }
        guard code == 0 else { return .rejected(Self.upstreamError(code: code)) }
        guard let id = answer["task_id"]?.stringValue, !id.isEmpty else { return .rejected(.upstreamMalformed) }
        return .accepted(upstreamID: id, observation: TaskObservation(state: .queued, upstreamStatus: "Queueing", result: nil))
    }

    /// The query until MiniMax reports Success; then the file it names.
    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        if task.upstreamStatus == "Success", let fileID = task.result?["file_id"]?.stringValue {
            return .json(.GET, "/v1/files/retrieve?file_id=\(Self.query(fileID))", body: nil)
        }
        return .json(.GET, "/v1/query/video_generation?task_id=\(Self.query(task.upstreamID ?? ""))", body: nil)
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        guard response.isSuccess, let answer = response.json else { return .unknown("HTTP \(response.status)") }
        let code = answer["base_resp"]?["status_code"]?.intValue ?? 0
        if let file = answer["file"], code == 0 { return Self.retrieved(file) }
        // A failed task carries its reason's code (1027…) in `base_resp` beside its status.
        guard let status = answer["status"]?.stringValue, !status.isEmpty else {
            // 2013 on a query: MiniMax does not know the task id.
            return code == 2013 ? .missing : .unknown("base_resp \(code)")
        }
        switch status {
        case "Preparing", "Queueing": return .observed(TaskObservation(state: .queued, upstreamStatus: status, result: answer))
        case "Processing": return .observed(TaskObservation(state: .running, upstreamStatus: status, result: answer))
        case "Success":
            // Not finished for the customer until the file's URL is known: the next poll retrieves it.
            guard let fileID = Self.text(answer["file_id"]), !fileID.isEmpty else { return .unknown("Success without a file_id") }
            var result = answer.objectValue ?? [:]
            result["file_id"] = .string(fileID)
            return .observed(TaskObservation(state: .running, upstreamStatus: status, result: .object(result)))
        case "Fail":
            let reason = answer["base_resp"]?["status_msg"]?.stringValue ?? answer["error_message"]?.stringValue
            return .observed(
                TaskObservation(
                    state: .failed, upstreamStatus: status, result: answer, failureReason: "The generation failed" + (reason.map { " (\($0))" } ?? "")
                ))
        default: return .unknown("unknown status \(status)")
        }
    }

    /// A retrieved file: the task's success, with the file (ids as text, so the gateway can map them).
    static func retrieved(_ file: JSONValue) -> PollOutcome {
        guard var object = file.objectValue, let fileID = text(file["file_id"]), !fileID.isEmpty,
            object["download_url"]?.stringValue?.isEmpty == false
        else { return .unknown("file without a download_url") }
        object["file_id"] = .string(fileID)
        let result: JSONObject = ["status": "Success", "file_id": .string(fileID), "file": .object(object)]
        return .observed(TaskObservation(state: .succeeded, upstreamStatus: "Success", result: .object(result)))
    }

    public func artifacts(in result: JSONValue, of task: TaskRecord) -> [ProducedArtifact] {
        guard let file = result["file"], let id = file["file_id"]?.stringValue else { return [] }
        return [ProducedArtifact(kind: Self.fileKind, upstreamID: id, model: task.model, payload: file)]
    }

    /// A file id in MiniMax's look: a long decimal number (as text).
    public func newArtifactID(kind: String) -> String {
        String(UInt64.random(in: 100_000_000_000_000...999_999_999_999_999_999))
    }

    /// The query answer with Switchyard's ids: `status` Preparing/Queueing/Processing/Success/Fail, `file_id` once
    /// the file is known, the video's size, and `base_resp` (a failed task carries MiniMax's code, e.g. 1027).
    public func render(_ task: TaskRecord) -> String {
        var object = JSONObject()
        object["task_id"] = .string(task.id)
        object["status"] = .string(Self.status(of: task))
        object["file_id"] = .string(task.state == .succeeded ? task.result?["file_id"]?.stringValue ?? "" : "")
        let resolution = task.request["resolution"]?.stringValue ?? ""
        let size = MiniMaxModel.dimensions(of: resolution)
        object["video_width"] = task.state == .succeeded ? .int(task.result?["video_width"]?.intValue ?? size.width) : 0
        object["video_height"] = task.state == .succeeded ? .int(task.result?["video_height"]?.intValue ?? size.height) : 0
        if task.state == .failed {
            let upstream = task.result?["base_resp"]
            let code = upstream?["status_code"]?.intValue.flatMap { $0 == 0 ? nil : $0 } ?? 1013
            object["base_resp"] = Self.baseResponse(code: code, message: task.failureReason ?? "The generation failed")["base_resp"]
        } else {
            object["base_resp"] = Self.success["base_resp"]
        }
        return JSONValue.object(object).encoded()
    }

    static func status(of task: TaskRecord) -> String {
        switch task.state {
        case .submitting: "Preparing"
        case .queued: task.upstreamStatus == "Preparing" ? "Preparing" : "Queueing"
        case .running: "Processing"
        case .succeeded: "Success"
        case .failed: "Fail"
        }
    }

    /// `{"base_resp":{"status_code","status_msg"}}`.
    static func baseResponse(code: Int, message: String) -> JSONValue {
        .object(["base_resp": .object(["status_code": .int(code), "status_msg": .string(message)])])
    }

    static let success = baseResponse(code: 0, message: "success")

    /// A refusal inside MiniMax's HTTP 200 as a customer error. A sensitive input (1026) and bad parameters (2013)
    /// are the request's own; the account's limits (1002, 1008) and credentials (1004) are the channel's.
    static func upstreamError(code: Int) -> GatewayError {
        switch code {
        case 1026:
            .upstreamRejected(status: .badRequest, message: "The input was refused as sensitive content \(sensitiveInputMarker). Nothing was charged")
        case 2013: .upstreamRejected(status: .badRequest, message: "The upstream provider rejected the parameters")
        case 1002: .upstreamStatus(429, retryable: false)
        case 1004: .upstreamStatus(401, retryable: true)
        case 1008: GatewayError(.upstreamUnavailable, .badGateway, "The upstream account has insufficient balance", retryable: true)
        default: .upstreamStatus(500, retryable: false)
        }
    }

    /// A MiniMax id (text or number) as text.
    static func text(_ value: JSONValue?) -> String? {
        if let string = value?.stringValue { return string }
        if let number = value?.intValue { return String(number) }
        return nil
    }

    private static func query(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_."))) ?? ""
    }

    /// The channel probe: the query of an id nobody has (answered 2013 by a reachable, authenticated API).
    static let probeRequest = UpstreamRequest.json(.GET, "/v1/query/video_generation?task_id=0", body: nil)
}
