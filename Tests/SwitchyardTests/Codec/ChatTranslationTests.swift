import Foundation
import Testing
@testable import Switchyard

/// Translation between OpenAI chat and Anthropic messages, on recorded shapes of both APIs.
@Suite struct ChatTranslationTests {
    static func object(_ text: String) -> JSONObject { JSONValue.parse(text.utf8)!.objectValue! }

    @Test func openAIRequestBecomesAnthropicWithSystemToolsImagesAndToolResults() throws {
        let client = Self.object(
            #"""
            {"model":"claude-3-5-haiku-latest","max_tokens":100,"stop":"END","temperature":0.2,
             "messages":[{"role":"system","content":"Be brief."},
                         {"role":"user","content":[{"type":"text","text":"What is here?"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAAA"}}]},
                         {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]},
                         {"role":"tool","tool_call_id":"call_1","content":"Sunny"}],
             "tools":[{"type":"function","function":{"name":"weather","description":"Weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],
             "tool_choice":"required"}
            """#)
        let upstream = try OpenAIClientOnAnthropic().upstreamRequest(client, upstreamModel: "claude-3-5-haiku-20241022")
        #expect(upstream["model"] == "claude-3-5-haiku-20241022")
        #expect(upstream["system"] == "Be brief.")
        #expect(upstream["max_tokens"] == 100)
        #expect(upstream["stop_sequences"] == .array(["END"]))
        #expect(upstream["tool_choice"] == .object(["type": "any"]))
        #expect(upstream["tools"]?.encoded().contains(#""input_schema""#) == true)
        guard case .array(let messages)? = upstream["messages"] else { Issue.record("no messages"); return }
        #expect(messages.map { $0["role"]?.stringValue } == ["user", "assistant", "user"])
        #expect(messages[0]["content"]?.encoded().contains(#""type":"base64","media_type":"image/png","data":"AAAA""#) == true)
        #expect(messages[1]["content"]?.encoded().contains(#""type":"tool_use","id":"call_1","name":"weather","input":{"city":"Paris"}"#) == true)
        #expect(messages[2]["content"]?.encoded().contains(#""tool_use_id":"call_1""#) == true)
    }

    @Test func anthropicResponseBecomesAnOpenAICompletion() throws {
        let upstream = JSONValue.parse(
            #"""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[{"type":"text","text":"Let me check."},
             {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}}],"stop_reason":"tool_use",
             "usage":{"input_tokens":20,"output_tokens":8,"cache_read_input_tokens":5}}
            """#.utf8)!
        let response = try OpenAIClientOnAnthropic().clientResponse(upstream, clientModel: "claude-3-5-haiku-latest")
        let choice = response["choices"].flatMap { if case .array(let c) = $0 { c.first } else { nil } }
        #expect(choice?["finish_reason"] == "tool_calls")
        #expect(choice?["message"]?["content"] == "Let me check.")
        #expect(choice?["message"]?["tool_calls"]?.encoded().contains(#""arguments":"{\"city\":\"Paris\"}""#) == true)
        #expect(response["usage"]?["prompt_tokens"] == 25)
        #expect(response["usage"]?["completion_tokens"] == 8)
        #expect(response["model"] == "claude-3-5-haiku-latest")
    }

    @Test func anthropicRequestBecomesOpenAIWithToolResultsAsToolMessages() throws {
        let client = Self.object(
            #"""
            {"model":"gpt-4o-mini","max_tokens":50,"system":[{"type":"text","text":"Be kind."}],"stream":true,
             "messages":[{"role":"user","content":"Hi"},
                         {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Oslo"}}]},
                         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"Snow"}]}],
             "tools":[{"name":"weather","input_schema":{"type":"object"}}],"tool_choice":{"type":"tool","name":"weather"}}
            """#)
        let upstream = try AnthropicClientOnOpenAI().upstreamRequest(client, upstreamModel: "gpt-4o-mini")
        guard case .array(let messages)? = upstream["messages"] else { Issue.record("no messages"); return }
        #expect(messages.map { $0["role"]?.stringValue } == ["system", "user", "assistant", "tool"])
        #expect(messages[0]["content"] == "Be kind.")
        #expect(messages[2]["tool_calls"]?.encoded().contains(#""arguments":"{\"city\":\"Oslo\"}""#) == true)
        #expect(messages[3]["tool_call_id"] == "toolu_1")
        #expect(upstream["stream_options"]?["include_usage"] == true)
        #expect(upstream["tool_choice"]?["function"]?["name"] == "weather")
    }

    @Test func anthropicRequestWithoutMaxTokensIsRefused() {
        #expect(throws: GatewayError.self) {
            try AnthropicClientOnOpenAI().upstreamRequest(Self.object(#"{"model":"m","messages":[]}"#), upstreamModel: "m")
        }
    }

    @Test func openAIStreamBecomesAnthropicEventsInOrder() {
        var translator = AnthropicClientOnOpenAI().streamTranslator(clientModel: "gpt-4o-mini", includeUsage: false)
        let chunks = [
            #"{"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}"#,
            #"{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"}}]}"#,
            #"{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"weather","arguments":""}}]}}]}"#,
            #"{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}}]}"#,
            #"{"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
            #"{"id":"c1","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"total_tokens":16}}"#,
            "[DONE]",
        ]
        let events = chunks.flatMap { translator.translate(ServerSentEvent(data: $0)) }
        #expect(
            events.map(\.event) == [
                "message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop",
            ])
        #expect(events[8].data.contains(#""stop_reason":"tool_use""#))
        #expect(events[8].data.contains(#""output_tokens":4"#))
        #expect(events[8].data.contains(#""input_tokens":12"#))
        #expect(translator.finish().isEmpty)
    }

    /// An upstream error in the middle of an OpenAI stream reaches an Anthropic client as Anthropic's `error` event, not
    /// as a reply that ended normally.
    @Test func anOpenAIStreamErrorBecomesAnAnthropicErrorEvent() {
        var translator = AnthropicClientOnOpenAI().streamTranslator(clientModel: "gpt-4o-mini", includeUsage: false)
        let chunks = [
            #"{"id":"c1","choices":[{"index":0,"delta":{"content":"Hi"}}]}"#,
            #"{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}"#,
        ]
        let events = chunks.flatMap { translator.translate(ServerSentEvent(data: $0)) }
        #expect(events.last?.event == "error")
        #expect(events.last?.data.contains(#""type":"api_error""#) == true)
        #expect(!events.map(\.event).contains("message_stop"))
        #expect(translator.finish().isEmpty)
    }

    @Test func anthropicStreamBecomesOpenAIChunksWithUsageAndDone() {
        var translator = OpenAIClientOnAnthropic().streamTranslator(clientModel: "claude-3-5-haiku-latest", includeUsage: true)
        let events: [ServerSentEvent] = [
            .init(event: "message_start", data: #"{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":10,"output_tokens":1}}}"#),
            .init(event: "content_block_start", data: #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            .init(event: "ping", data: #"{"type":"ping"}"#),
            .init(event: "content_block_delta", data: #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}"#),
            .init(event: "content_block_stop", data: #"{"type":"content_block_stop","index":0}"#),
            .init(event: "message_delta", data: #"{"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":5}}"#),
            .init(event: "message_stop", data: #"{"type":"message_stop"}"#),
        ]
        let chunks = events.flatMap { translator.translate($0) }
        #expect(chunks.last?.data == "[DONE]")
        #expect(chunks.contains { $0.data.contains(#""content":"Hello""#) })
        #expect(chunks.contains { $0.data.contains(#""finish_reason":"length""#) })
        #expect(chunks.contains { $0.data.contains(#""choices":[]"#) && $0.data.contains(#""prompt_tokens":10"#) })
        #expect(chunks.contains { $0.data.contains(#""completion_tokens":5"#) })
    }
}

/// A recorded Anthropic stream, cut at every byte boundary on its way through the parser and the translator,
/// always becomes the same OpenAI stream.
@Suite struct StreamTranslationBoundaryTests {
    static let recorded = [
        #"event: message_start"#, #"data: {"type":"message_start","message":{"id":"msg_9","usage":{"input_tokens":11,"output_tokens":1}}}"#, "",
        #"event: content_block_start"#, #"data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#, "",
        #"event: content_block_delta"#, #"data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Héllo ✓"}}"#, "",
        #"event: content_block_stop"#, #"data: {"type":"content_block_stop","index":0}"#, "",
        #"event: message_delta"#, #"data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}"#, "",
        #"event: message_stop"#, #"data: {"type":"message_stop"}"#, "", "",
    ].joined(separator: "\n")

    static func translate(cut: Int) -> [String] {
        let bytes = Array(recorded.utf8)
        var parser = ServerSentEventParser()
        var translator = OpenAIClientOnAnthropic().streamTranslator(clientModel: "claude", includeUsage: true)
        var out: [String] = []
        for part in [bytes[..<cut], bytes[cut...]] {
            for event in parser.feed(part) { out += translator.translate(event).map(\.data) }
        }
        out += translator.finish().map(\.data)
        // Chunk ids and creation times are the same within one stream; compare the rest.
        return out.map { $0.replacingOccurrences(of: #""created":\d+"#, with: "", options: .regularExpression) }
    }

    @Test func everyCutGivesTheSameTranslation() {
        let whole = Self.translate(cut: 0)
        #expect(whole.last == "[DONE]")
        #expect(whole.contains { $0.contains("Héllo ✓") })
        for cut in 0...Self.recorded.utf8.count {
            #expect(Self.translate(cut: cut) == whole, "cut at \(cut)")
        }
    }
}
