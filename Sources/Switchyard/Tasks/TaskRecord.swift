import SQLKit

/// A stored task: Switchyard's public id, owner, money, and what the upstream last said.
public struct TaskRecord: Sendable, Equatable {
    public var id: String
    public var family: String
    /// The family's action (Luma: its `generation_type`), a pricing and routing key.
    public var action: String
    public var model: String
    public var tokenID: String
    public var channelID: Int64?
    public var upstreamID: String?
    public var state: TaskState
    public var upstreamStatus: String?
    /// The customer's request as accepted, defaults filled, with Switchyard's ids.
    public var request: JSONValue
    /// The body to send upstream, with upstream ids.
    public var upstreamRequest: JSONValue
    public var result: JSONValue?
    /// The customer-facing object as last rendered; served as is.
    public var view: String?
    public var failureReason: String?
    public var priceMicros: Int64
    public var callbackURL: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var finishedAt: Int64?
    public var pollAttempts: Int
    /// Held until an operator finds out whether the upstream accepted it.
    public var needsReconciliation = false
    /// When the task is next due for a poll, in epoch milliseconds.
    public var nextPollAt: Int64 = 0
    /// The digest of the upstream's answer last recorded (`TaskObservation.digest`).
    public var observedDigest: String?
    /// Polls that saw the task finished but could not copy all of its result files yet (`MediaSettings.copyAttempts`).
    public var mediaAttempts = 0

    /// Flagged, and still where the flag leaves it.
    var isAwaitingReconciliation: Bool { needsReconciliation && state == .submitting }

    static func decode(_ row: any SQLRow) throws -> TaskRecord {
        let request = try row.decode(column: "request", as: String.self)
        let upstreamRequest = try row.decode(column: "upstream_request", as: String.self)
        let result = try row.decode(column: "result", as: String?.self)
        let state = try row.decode(column: "state", as: String.self)
        var task = TaskRecord(
            id: try row.decode(column: "id", as: String.self),
            family: try row.decode(column: "family", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            model: try row.decode(column: "model", as: String.self),
            tokenID: try row.decode(column: "token_id", as: String.self),
            channelID: try row.decode(column: "channel_id", as: Int64?.self),
            upstreamID: try row.decode(column: "upstream_id", as: String?.self),
            state: TaskState(rawValue: state) ?? .failed,
            upstreamStatus: try row.decode(column: "upstream_status", as: String?.self),
            request: JSONValue.parse(request.utf8) ?? .null,
            upstreamRequest: JSONValue.parse(upstreamRequest.utf8) ?? .null,
            result: result.flatMap { JSONValue.parse($0.utf8) },
            view: try row.decode(column: "view", as: String?.self),
            failureReason: try row.decode(column: "failure_reason", as: String?.self),
            priceMicros: try row.decode(column: "price_micros", as: Int64.self),
            callbackURL: try row.decode(column: "callback_url", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: Int64.self),
            updatedAt: try row.decode(column: "updated_at", as: Int64.self),
            finishedAt: try row.decode(column: "finished_at", as: Int64?.self),
            pollAttempts: try row.decode(column: "poll_attempts", as: Int.self))
        task.needsReconciliation = try row.decode(column: "needs_reconciliation", as: Int.self) != 0
        task.nextPollAt = try row.decode(column: "next_poll_at", as: Int64.self)
        task.observedDigest = try row.decode(column: "observed_digest", as: String?.self)
        task.mediaAttempts = try row.decode(column: "media_attempts", as: Int.self)
        return task
    }
}
