import Foundation
import NIOCore

/// Luma Dream Machine as a task family: the upstream codec (pure) and the customer-facing Generation object.
public struct LumaFamily: CancellableTaskFamily, ArtifactProducingTaskFamily {
    public let name = "luma"
    public let authorizer: any UpstreamAuthorizer = BearerAuthorizer()
    /// Luma posts the Generation on `dreaming`, `completed` and `failed`.
    public let callbackStates: Set<TaskState> = [.running, .succeeded, .failed]

    public init() {}

    public func submitRequest(for task: TaskRecord) throws -> UpstreamRequest {
        try StoredUpstreamCall.request(from: task.upstreamRequest)
    }

    public func parseSubmit(_ response: UpstreamResponse, for task: TaskRecord) -> SubmitOutcome {
        guard response.isSuccess else {
            return .rejected(Self.upstreamError(response))
        }
        guard let generation = response.json, let id = generation["id"]?.stringValue, let observation = Self.observation(of: generation) else {
            return .rejected(.upstreamMalformed)
        }
        return .accepted(upstreamID: id, observation: observation)
    }

    public func pollRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.GET, "/generations/\(RequestInput.pathSegment(task.upstreamID ?? ""))", body: nil)
    }

    public func parsePoll(_ response: UpstreamResponse) -> PollOutcome {
        if response.status == 404 { return .missing }
        guard response.isSuccess else { return .unknown("HTTP \(response.status)") }
        guard let generation = response.json, let observation = Self.observation(of: generation) else { return .unknown("unreadable body") }
        return .observed(observation)
    }

    public func cancelRequest(for task: TaskRecord) -> UpstreamRequest {
        .json(.DELETE, "/generations/\(RequestInput.pathSegment(task.upstreamID ?? ""))", body: nil)
    }

    /// A generation is addressable by its task's own id (keyframes, upscale, audio).
    public func artifacts(in result: JSONValue, of task: TaskRecord) -> [ProducedArtifact] {
        guard let upstreamID = result["id"]?.stringValue else { return [] }
        return [ProducedArtifact(kind: "generation", upstreamID: upstreamID, model: task.model, publicID: task.id)]
    }

    public func newArtifactID(kind: String) -> String { PublicID.uuid() }

    /// The Generation object with Switchyard's id, the request as the customer sent it, and the upstream's assets.
    public func render(_ task: TaskRecord) -> String {
        var generation = JSONObject()
        generation["id"] = .string(task.id)
        generation["generation_type"] = .string(task.action)
        generation["state"] = .string(Self.lumaState(task.state))
        generation["failure_reason"] = task.failureReason.map(JSONValue.string) ?? .null
        generation["created_at"] = .string(Self.timestamp(millis: task.createdAt))
        let assets = task.state == .failed ? nil : task.result?["assets"]
        generation["assets"] = assets ?? .null
        generation["model"] = .string(task.model)
        generation["request"] = task.request
        generation["version"] = task.result?["version"] ?? .null
        return JSONValue.object(generation).encoded()
    }

    static func lumaState(_ state: TaskState) -> String {
        switch state {
        case .submitting, .queued: "queued"
        case .running: "dreaming"
        case .succeeded: "completed"
        case .failed: "failed"
        }
    }

    static func observation(of generation: JSONValue) -> TaskObservation? {
        guard let upstreamState = generation["state"]?.stringValue else { return nil }
        let state: TaskState
        switch upstreamState {
        case "queued": state = .queued
        case "dreaming": state = .running
        case "completed": state = .succeeded
        case "failed": state = .failed
        default: return nil
        }
        return TaskObservation(
            state: state, upstreamStatus: upstreamState, result: generation, failureReason: generation["failure_reason"]?.stringValue)
    }

    /// An upstream refusal as a customer error: Luma's own `detail` when it is a short message, else the status.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        switch response.status {
        case 400, 404, 422:
            if let detail = response.json?["detail"]?.stringValue, detail.count <= 300 {
                return .upstreamRejected(status: response.status == 422 ? .unprocessableContent : .badRequest, message: detail)
            }
            return .upstreamStatus(response.status, retryable: false)
        default:
            return .upstreamStatus(response.status, retryable: false)
        }
    }

    /// Luma's `created_at`: ISO-8601 with microseconds and `Z`.
    static func timestamp(millis: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let micros = (millis % 1000) * 1000
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0,
            parts.second ?? 0, micros)
    }
}
