import AsyncHTTPClient

/// The answer of the channel that ended a streaming-mode failover: its head, with the body still to be read (or
/// streamed) by the caller, and the plan the caller made for that channel.
public struct UpstreamHead<Plan: Sendable>: Sendable {
    public let channel: Channel
    public let plan: Plan
    public let response: HTTPClientResponse
}
