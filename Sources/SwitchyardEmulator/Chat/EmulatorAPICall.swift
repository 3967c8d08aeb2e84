import Hummingbird
import NIOCore

/// One OpenAI or Anthropic request after `EmulatorAPIEndpoint.begin`: its body, whether it streams, and the
/// fault and stream settings chosen so far.
struct EmulatorAPICall: Sendable {
    /// The JSON body (an object), or `null` for routes without one.
    let body: EmulatorJSON
    /// The raw body of multipart routes.
    let rawBody: ByteBuffer?
    /// True when the route streams and the body asks for it (`"stream": true`).
    let streams: Bool
    /// The forced or header-selected fault, already carried out; nil lets a keyword choose one.
    let fault: EmulatorFault?
    /// Pacing and faults of a streamed answer.
    let options: EmulatorStreamOptions
    /// The handling this call came from.
    let api: EmulatorAPIEndpoint
    /// The request's context, for the connection.
    let context: EmulatorRequestContext

    /// The body's members with typed access.
    func fields() throws -> EmulatorJSONFields {
        try EmulatorJSONFields(body: body)
    }

    /// Carries out a `[fault:<x>]` keyword of `keywordText` (the last user message) when no fault was chosen
    /// yet, then builds the answer with `make`, which receives the stream to use if the request streams.
    func answer(
        keywordText: String?,
        _ make: (EmulatorEventStream) async throws -> Response
    ) async throws -> Response {
        var options = options
        if fault == nil, let keyword = EmulatorFaultSelector.promptFault(in: keywordText) {
            switch try await api.apply(keyword, streams: streams, options: options, context) {
            case .answer(let response): return response
            case .proceed(let settled): options = settled
            }
        }
        return try await make(EmulatorEventStream(runtime: api.runtime, channel: context.channel, options: options))
    }
}
