import Testing
@testable import Switchyard

@Suite struct ServerSentEventParserTests {
    static let openAIStream = """
        data: {"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

        data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"}}]}

        data: {"id":"c1","choices":[{"index":0,"delta":{"content":"lo"}}]}

        data: {"id":"c1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11}}

        data: [DONE]


        """

    static let anthropicStream = """
        event: message_start\r
        data: {"type":"message_start","message":{"id":"m1","usage":{"input_tokens":7,"output_tokens":1}}}\r
        \r
        event: ping\r
        data: {"type":"ping"}\r
        \r
        : a comment line\r
        event: content_block_delta\r
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\r
        \r
        event: message_delta\r
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}\r
        \r

        """

    /// Feeds `text` split in two at `cut` and returns every event.
    static func parse(_ text: String, cut: Int) -> [ServerSentEvent] {
        let bytes = Array(text.utf8)
        var parser = ServerSentEventParser()
        return parser.feed(bytes[..<cut]) + parser.feed(bytes[cut...])
    }

    @Test func openAIStreamSplitAtEveryByteBoundaryGivesTheSameEvents() {
        let whole = Self.parse(Self.openAIStream, cut: 0)
        #expect(whole.count == 5)
        #expect(whole.last?.data == "[DONE]")
        for cut in 0...Self.openAIStream.utf8.count {
            #expect(Self.parse(Self.openAIStream, cut: cut) == whole, "cut at \(cut)")
        }
    }

    @Test func anthropicStreamWithCRLFAndCommentsSplitAtEveryByteBoundary() {
        let whole = Self.parse(Self.anthropicStream, cut: 0)
        #expect(whole.map(\.event) == ["message_start", "ping", "content_block_delta", "message_delta"])
        for cut in 0...Self.anthropicStream.utf8.count {
            #expect(Self.parse(Self.anthropicStream, cut: cut) == whole, "cut at \(cut)")
        }
    }

    @Test func feedingOneByteAtATimeWorks() {
        var parser = ServerSentEventParser()
        var events: [ServerSentEvent] = []
        for byte in Self.openAIStream.utf8 { events += parser.feed([byte]) }
        #expect(events == Self.parse(Self.openAIStream, cut: 0))
    }

    @Test func usageObserverReadsUsageWhereverTheStreamIsCut() {
        for cut in stride(from: 0, through: Self.openAIStream.utf8.count, by: 7) {
            var observer = StreamUsageObserver()
            let bytes = Array(Self.openAIStream.utf8)
            observer.feed(bytes[..<cut])
            observer.feed(bytes[cut...])
            #expect(observer.usage(completed: true, estimatedInput: 0) == MeteredUsage(input: 9, output: 2))
        }
        var anthropic = StreamUsageObserver()
        anthropic.feed(Array(Self.anthropicStream.utf8))
        #expect(anthropic.usage(completed: true, estimatedInput: 0) == MeteredUsage(input: 7, output: 3))
    }

    /// Anthropic's first event reports one output token: a stream cut after more was delivered is charged what
    /// was delivered.
    @Test func aCutStreamIsChargedWhatItDelivered() {
        var observer = StreamUsageObserver()
        let start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}\n\n"
        let delta =
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"w\"}}\n\n"
        let cut = start + String(repeating: delta, count: 40)
        observer.feed(Array(cut.utf8))
        #expect(observer.usage(completed: false, estimatedInput: 0).output == 40)
        #expect(observer.usage(completed: false, estimatedInput: 0).input == 7)
    }

    /// Cache reads and writes are told apart from the rest of the input, for both families.
    @Test func cachedInputIsReportedApart() {
        var openAI = UsageReport()
        openAI.read(JSONValue.parse(Array(#"{"prompt_tokens":100,"completion_tokens":5,"prompt_tokens_details":{"cached_tokens":80}}"#.utf8)))
        #expect(openAI.metered == MeteredUsage(input: 100, cacheRead: 80, output: 5))
        var anthropic = UsageReport()
        anthropic.read(
            JSONValue.parse(Array(#"{"input_tokens":10,"cache_read_input_tokens":70,"cache_creation_input_tokens":20,"output_tokens":5}"#.utf8)))
        #expect(anthropic.metered == MeteredUsage(input: 100, cacheRead: 70, cacheWrite: 20, output: 5))
        var absurd = UsageReport()
        absurd.read(JSONValue.parse(Array(#"{"input_tokens":4611686018427387904,"cache_read_input_tokens":4611686018427387904}"#.utf8)))
        #expect(absurd.metered.input == Int.max)
    }
}
