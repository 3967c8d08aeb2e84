/// Watches an upstream stream (passed through or translated) for what it costs: the usage the upstream reports (OpenAI's final usage chunk,
/// Anthropic's `message_start`/`message_delta`, the Responses API's `response.completed`), and how many content
/// deltas reached the client, which prices a stream cut before its usage arrived.
struct StreamUsageObserver: Sendable {
    private var parser = ServerSentEventParser()
    private(set) var inputTokens: Int?
    private(set) var outputTokens: Int?
    /// Content deltas delivered (about one token each).
    private(set) var deliveredDeltas = 0

    mutating func feed(_ bytes: some Sequence<UInt8>) {
        for event in parser.feed(bytes) { observe(event) }
    }

    /// One event of the upstream's stream (for a stream that is translated, and so parsed anyway).
    mutating func observe(_ event: ServerSentEvent) {
        // OpenAI sends `"usage":null` in every chunk when asked for usage: only a real object is worth a parse.
        if event.data.contains("\"usage\":{") || event.data.contains("\"usage\": {"), let data = JSONValue.parse(event.data.utf8) {
            read(data["usage"])
            read(data["message"]?["usage"])
            read(data["response"]?["usage"])
        }
        if event.data.contains("delta\"") { deliveredDeltas += 1 }
    }

    private mutating func read(_ usage: JSONValue?) {
        guard let usage, usage != .null else { return }
        if let input = UsageCounts.input(
            prompt: usage["prompt_tokens"]?.intValue, input: usage["input_tokens"]?.intValue,
            cacheRead: usage["cache_read_input_tokens"]?.intValue, cacheCreation: usage["cache_creation_input_tokens"]?.intValue)
        {
            inputTokens = input
        }
        if let output = usage["completion_tokens"]?.intValue ?? usage["output_tokens"]?.intValue { outputTokens = output }
    }
}

/// Usage in a complete (non-streamed) response body, found without decoding the rest of it.
enum ResponseUsage {
    static let counters: Set<String> = [
        "prompt_tokens", "completion_tokens", "input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens",
    ]

    static func read(_ bytes: [UInt8]) -> (input: Int, output: Int)? {
        guard let fields = JSONFieldSniffer.fields(in: bytes, wanted: ["usage"]), let range = fields["usage"]?.range else { return nil }
        let usage = Array(bytes[range])
        guard let counts = JSONFieldSniffer.fields(in: usage, wanted: counters) else { return nil }
        func count(_ name: String) -> Int? { JSONFieldSniffer.int(counts[name], in: usage) }
        let input =
            UsageCounts.input(
                prompt: count("prompt_tokens"), input: count("input_tokens"), cacheRead: count("cache_read_input_tokens"),
                cacheCreation: count("cache_creation_input_tokens")) ?? 0
        let output = count("completion_tokens") ?? count("output_tokens") ?? 0
        return (input, output)
    }
}

/// One rule for the input a usage object counts, whichever provider wrote it, in every place that reads usage:
/// OpenAI's prompt tokens already include cached ones; Anthropic's input tokens leave out cache reads and cache
/// writes, which are added.
enum UsageCounts {
    static func input(prompt: Int?, input: Int?, cacheRead: Int?, cacheCreation: Int?) -> Int? {
        prompt ?? input.map { $0 + (cacheRead ?? 0) + (cacheCreation ?? 0) }
    }
}
