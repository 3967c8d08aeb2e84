/// Usage as an upstream reported it, whichever dialect wrote it; what is read later (a stream's closing usage)
/// replaces what was read before, field by field.
///
/// One rule for the input a usage object counts, in every place that reads usage: OpenAI's `prompt_tokens`, and the
/// `input_tokens` of its Responses, image and audio APIs (which come with `input_tokens_details`), include cached
/// tokens; Anthropic's `input_tokens` leave out cache reads and cache writes, which are added.
struct UsageReport: Sendable, Equatable {
    var promptTokens: Int?
    var inputTokens: Int?
    var inputIncludesCache = false
    var cacheRead: Int?
    var cacheWrite: Int?
    var output: Int?
    var seconds: Int?

    /// Whether any count was read.
    var isEmpty: Bool { self == UsageReport() }

    /// Reads one usage object into this report.
    mutating func read(_ usage: JSONValue?) {
        guard let usage, case .object = usage else { return }
        func count(_ value: JSONValue?) -> Int? { value?.intValue.map { Swift.max(0, $0) } }
        if let prompt = count(usage["prompt_tokens"]) { promptTokens = prompt }
        if let input = count(usage["input_tokens"]) {
            inputTokens = input
            inputIncludesCache = usage["input_tokens_details"] != nil || usage["input_token_details"] != nil
        }
        if let cached = count(usage["prompt_tokens_details"]?["cached_tokens"]) ?? count(usage["input_tokens_details"]?["cached_tokens"]) {
            cacheRead = cached
        }
        if let read = count(usage["cache_read_input_tokens"]) { cacheRead = read }
        if let written = count(usage["cache_creation_input_tokens"]) { cacheWrite = written }
        if let output = count(usage["completion_tokens"]) ?? count(usage["output_tokens"]) { self.output = output }
        if usage["type"] == "duration", let seconds = usage["seconds"]?.doubleValue, seconds.isFinite, seconds >= 0 {
            self.seconds = seconds < 1e9 ? Int(seconds.rounded(.up)) : Int.max
        }
    }

    /// The report in priced units; sums saturate, so absurd counts cost the most, never a trap.
    var metered: MeteredUsage {
        let read = cacheRead ?? 0
        let written = cacheWrite ?? 0
        let input: Int =
            promptTokens
            ?? inputTokens.map { inputIncludesCache ? $0 : $0.addingSaturating(read).addingSaturating(written) } ?? 0
        return MeteredUsage(
            input: input, cacheRead: Swift.min(read, input), cacheWrite: Swift.min(written, input), output: output ?? 0, seconds: seconds ?? 0)
    }

    /// The `usage` member of a complete JSON answer.
    static func read(_ bytes: [UInt8], in document: StrictJSONScanner.Document) -> UsageReport? {
        guard let range = document.range(of: "usage"), let usage = JSONValue.parse(bytes[range]) else { return nil }
        var report = UsageReport()
        report.read(usage)
        return report.isEmpty ? nil : report
    }
}
