/// Translates one chat dialect into another: the client speaks one family, the channel another. Pure functions of
/// JSON values and SSE events; the relay does the I/O.
public protocol ChatTranslator: Sendable {
    /// The upstream request body for a client request (already validated as a JSON object).
    func upstreamRequest(_ client: JSONObject, upstreamModel: String) throws -> JSONObject
    /// The client's response from the upstream's non-streaming response.
    func clientResponse(_ upstream: JSONValue, clientModel: String) throws -> JSONValue
    /// A fresh translator for one stream.
    func streamTranslator(clientModel: String, includeUsage: Bool) -> any StreamTranslator
}

/// Translates one stream, event by event; it keeps what it needs to know across events (open blocks, usage to report).
public protocol StreamTranslator: Sendable {
    /// Client events for one upstream event (often one, sometimes none or several).
    mutating func translate(_ event: ServerSentEvent) -> [ServerSentEvent]
    /// Client events that close the stream once the upstream ended (only those not yet sent).
    mutating func finish() -> [ServerSentEvent]
}

extension JSONValue {
    /// The text of a content field that is either a string or a list of text blocks/parts.
    var flattenedText: String {
        switch self {
        case .string(let text): return text
        case .array(let parts): return parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        default: return ""
        }
    }
}
