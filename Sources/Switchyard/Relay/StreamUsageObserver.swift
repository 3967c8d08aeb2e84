/// Watches an upstream stream (passed through or translated) for what it costs: the usage the upstream reports
/// (OpenAI's final usage chunk, Anthropic's `message_start`/`message_delta`, the Responses API's
/// `response.completed`), and how many content deltas reached the client, which prices a stream cut short.
struct StreamUsageObserver: Sendable {
    private var parser = ServerSentEventParser()
    private(set) var report = UsageReport()
    /// Content deltas delivered (about one token each).
    private(set) var deliveredDeltas = 0

    mutating func feed(_ bytes: some Sequence<UInt8>) {
        for event in parser.feed(bytes) { observe(event) }
    }

    /// One event of the upstream's stream (for a stream that is translated, and so parsed anyway).
    mutating func observe(_ event: ServerSentEvent) {
        // OpenAI sends `"usage":null` in every chunk when asked for usage: only a real object is worth a parse.
        if event.data.contains("\"usage\":{") || event.data.contains("\"usage\": {"), let data = JSONValue.parse(event.data.utf8) {
            report.read(data["usage"])
            report.read(data["message"]?["usage"])
            report.read(data["response"]?["usage"])
        }
        if event.data.contains("delta\"") { deliveredDeltas += 1 }
    }

    /// What the stream is charged: what the upstream reported when it ended whole; when it was cut, the larger of
    /// the reported output (Anthropic reports 1 in its first event) and what was delivered, so that a cut stream
    /// costs what reached the client.
    func usage(completed: Bool, estimatedInput: Int) -> MeteredUsage {
        var usage = report.metered
        if report.promptTokens == nil && report.inputTokens == nil { usage.input = estimatedInput }
        if !completed || report.output == nil { usage.output = Swift.max(usage.output, deliveredDeltas) }
        return usage
    }
}
