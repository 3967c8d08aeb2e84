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
    /// The forced, header-selected or drawn fault, already carried out (but for the body faults, which `answer`
    /// applies); nil lets a keyword choose one.
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
        var fault = fault
        if fault == nil, let keyword = EmulatorFaultSelector.promptFault(in: keywordText) {
            fault = keyword
            switch try await api.apply(keyword, streams: streams, options: options, context) {
            case .answer(let response): return response
            case .proceed(let settled): options = settled
            }
        }
        let response = try await make(EmulatorEventStream(runtime: api.runtime, channel: context.channel, options: options))
        return api.endpoint.faults.reshape(response, for: fault)
    }
}
