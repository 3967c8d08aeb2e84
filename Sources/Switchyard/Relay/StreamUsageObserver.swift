/// Watches a passed-through stream for what it costs: the usage the upstream reports (OpenAI's final usage chunk,
/// Anthropic's `message_start`/`message_delta`, the Responses API's `response.completed`), and how many content
/// deltas reached the client, which prices a stream cut before its usage arrived.
struct StreamUsageObserver: Sendable {
    private var parser = ServerSentEventParser()
    private(set) var inputTokens: Int?
    private(set) var outputTokens: Int?
    /// Content deltas delivered (about one token each).
    private(set) var deliveredDeltas = 0

    mutating func feed(_ bytes: some Sequence<UInt8>) {
        for event in parser.feed(bytes) {
            if event.data.contains("\"usage\""), let data = JSONValue.parse(event.data.utf8) {
                read(data["usage"])
                read(data["message"]?["usage"])
                read(data["response"]?["usage"])
            }
            if event.data.contains("delta\"") { deliveredDeltas += 1 }
        }
    }

    private mutating func read(_ usage: JSONValue?) {
        guard let usage, usage != .null else { return }
        if let input = usage["prompt_tokens"]?.intValue ?? usage["input_tokens"]?.intValue { inputTokens = input }
        if let output = usage["completion_tokens"]?.intValue ?? usage["output_tokens"]?.intValue { outputTokens = output }
    }
}

/// Usage in a complete (non-streamed) response body, found without decoding the rest of it.
enum ResponseUsage {
    static let counters: Set<String> = [
        "prompt_tokens", "completion_tokens", "input_tokens", "output_tokens", "cache_read_input_tokens",
    ]

    static func read(_ bytes: [UInt8]) -> (input: Int, output: Int)? {
        guard let fields = JSONFieldSniffer.fields(in: bytes, wanted: ["usage"]), let range = fields["usage"]?.range else { return nil }
        let usage = Array(bytes[range])
        guard let counts = JSONFieldSniffer.fields(in: usage, wanted: counters) else { return nil }
        func count(_ name: String) -> Int? { JSONFieldSniffer.int(counts[name], in: usage) }
        let input = (count("prompt_tokens") ?? count("input_tokens") ?? 0) + (count("cache_read_input_tokens") ?? 0)
        let output = count("completion_tokens") ?? count("output_tokens") ?? 0
        return (input, output)
    }
}
