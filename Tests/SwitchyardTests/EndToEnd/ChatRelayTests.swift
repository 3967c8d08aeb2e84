import SQLKit
import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// OpenAI and Anthropic through the gateway: pass-through, translation both ways, streaming, money.
@Suite struct ChatRelayTests {
    static func openAI(_ key: String) -> [(String, String)] { [("Authorization", "Bearer \(key)")] }
    static func anthropic(_ key: String) -> [(String, String)] { [("x-api-key", key), ("anthropic-version", "2023-06-01")] }

    /// The `data:` payloads of an SSE text.
    static func dataLines(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    static func events(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
    }

    @Test func openAIChatPassesThroughAndIsChargedByUsage() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello there"}]}"#)
            #expect(answer.status == 200)
            #expect(answer.headers.first(name: "x-request-id") != nil)
            let json = try #require(answer.json)
            #expect(json["object"] == "chat.completion")
            let usage = try #require(json["usage"])
            let input = try #require(usage["prompt_tokens"]?.intValue)
            let output = try #require(usage["completion_tokens"]?.intValue)
            let token = try await harness.token(forKey: key)
            let rows = try await harness.usageRows(tokenID: token.id, count: 1)
            #expect(rows.first?.inputTokens == input)
            #expect(rows.first?.outputTokens == output)
            #expect(rows.first?.status == 200)
            // gpt-4o-mini: $0.15 in, $0.60 out per million tokens, rounded up to the micro-dollar.
            let expected = (Int64(input) * 150_000 + Int64(output) * 600_000 + 999_999) / 1_000_000
            #expect(rows.first?.costMicros == expected)
            try await waitUntil { try await harness.token(forKey: key).usedMicros == expected }
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func openAIStreamEndsWithUsageAndDone() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let (status, text) = try await harness.stream(
                "/v1/chat/completions", headers: Self.openAI(key),
                body:
                    #"{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Stream to me"}]}"#
            )
            #expect(status == 200)
            let lines = Self.dataLines(text)
            #expect(lines.last == "[DONE]")
            let usageChunk = try #require(lines.dropLast().last.flatMap { JSONValue.parse($0.utf8) })
            #expect(usageChunk["choices"] == .array([]))
            let output = try #require(usageChunk["usage"]?["completion_tokens"]?.intValue)
            let rows = try await harness.usageRows(tokenID: try await harness.token(forKey: key).id, count: 1)
            #expect(rows.first?.outputTokens == output)
        }
    }

    @Test func anthropicMessagesPassThroughWithXAPIKey() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/messages", key: nil,
                body: #"{"model":"claude-3-5-haiku-latest","max_tokens":100,"messages":[{"role":"user","content":"Hi Claude"}]}"#,
                headers: Self.anthropic(key))
            #expect(answer.status == 200)
            #expect(answer.json?["type"] == "message")
            #expect(answer.json?["usage"]?["output_tokens"]?.intValue ?? 0 > 0)
            let (status, text) = try await harness.stream(
                "/v1/messages", headers: Self.anthropic(key),
                body: #"{"model":"claude-3-5-haiku-latest","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Stream"}]}"#)
            #expect(status == 200)
            let events = Self.events(text)
            #expect(events.first == "message_start")
            #expect(events.last == "message_stop")
            #expect(events.contains("content_block_delta"))
        }
    }

    @Test func anOpenAIClientIsServedByAnAnthropicChannel() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body:
                    #"{"model":"claude-3-5-haiku-latest","max_tokens":50,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello from OpenAI land"}]}"#
            )
            #expect(answer.status == 200)
            #expect(answer.json?["object"] == "chat.completion")
            #expect(answer.json?["model"] == "claude-3-5-haiku-latest")
            #expect(harness.emulators[0].requestCount("POST /v1/messages") == 1)
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 0)
            let (status, text) = try await harness.stream(
                "/v1/chat/completions", headers: Self.openAI(key),
                body:
                    #"{"model":"claude-3-5-haiku-latest","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Stream across"}]}"#
            )
            #expect(status == 200)
            let lines = Self.dataLines(text)
            #expect(lines.last == "[DONE]")
            let content = lines.compactMap { JSONValue.parse($0.utf8) }.compactMap { chunk -> String? in
                guard case .array(let choices)? = chunk["choices"] else { return nil }
                return choices.first?["delta"]?["content"]?.stringValue
            }.joined()
            #expect(content.contains("Stream across"))
            #expect(lines.contains { $0.contains(#""prompt_tokens""#) })
        }
    }

    @Test func anAnthropicClientIsServedByAnOpenAIChannelWithTools() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let body = #"""
                {"model":"gpt-4o-mini","max_tokens":100,"tools":[{"name":"weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}],
                 "messages":[{"role":"user","content":"What is the weather? [tool]"}]}
                """#
            let answer = try await harness.call(.POST, harness.baseURL + "/v1/messages", key: nil, body: body, headers: Self.anthropic(key))
            #expect(answer.status == 200)
            #expect(answer.json?["stop_reason"] == "tool_use")
            guard case .array(let blocks)? = answer.json?["content"], let use = blocks.first(where: { $0["type"] == "tool_use" }) else {
                Issue.record("no tool_use block: \(answer.body)")
                return
            }
            #expect(use["name"] == "weather")
            #expect(use["input"]?["city"]?.stringValue != nil)
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 1)
            // The tool result goes back in Anthropic's shape and arrives upstream as an OpenAI tool message.
            let followUp = #"""
                {"model":"gpt-4o-mini","max_tokens":100,"stream":true,"tools":[{"name":"weather","input_schema":{"type":"object"}}],
                 "messages":[{"role":"user","content":"Weather?"},{"role":"assistant","content":[{"type":"tool_use","id":"\#(use["id"]?.stringValue ?? "")","name":"weather","input":{"city":"Paris"}}]},
                             {"role":"user","content":[{"type":"tool_result","tool_use_id":"\#(use["id"]?.stringValue ?? "")","content":"Sunny and 21C"}]}]}
                """#
            let (status, text) = try await harness.stream("/v1/messages", headers: Self.anthropic(key), body: followUp)
            #expect(status == 200)
            #expect(Self.events(text).first == "message_start")
            #expect(Self.events(text).last == "message_stop")
            #expect(text.contains("Sunny"))
        }
    }

    @Test func aFailingChannelFailsOverBeforeTheFirstByte() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(forcedFault: .serverError), EmulatorConfiguration()]) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(answer.status == 200)
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 1)
            #expect(harness.emulators[1].requestCount("POST /v1/chat/completions") == 1)
        }
    }

    @Test func aRefusedKeyMarksTheChannelUnhealthyAndTheProbeBringsItBack() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(acceptedKeys: ["someone-else"]), EmulatorConfiguration()]) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(answer.status == 200)
            let channels = ChannelStore(database: harness.database)
            let refused = try #require(try await channels.list().first { $0.name == "openai-0" })
            #expect(refused.status == "unhealthy")
            #expect(refused.statusReason?.contains("401") == true)
            // The next call goes straight to the healthy channel.
            _ = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"y"}]}"#)
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 1)
            // A channel that answers again is re-enabled by the probe.
            let healthy = try #require(try await channels.list().first { $0.name == "openai-1" })
            try await channels.setStatus(id: healthy.id, status: "unhealthy", reason: "test")
            let probe = ChannelProbe(
                channels: channels, executor: UpstreamExecutor(client: harness.client, settings: UpstreamSettings(), metrics: GatewayMetrics()),
                health: ChannelHealth(settings: RelaySettings()), intervalMillis: 1_000, logger: TestHarness.logger)
            #expect(await probe.probeAll() == [healthy.id])
            #expect(try await channels.find(id: refused.id)?.status == "unhealthy")
        }
    }

    /// Routing reads channels from memory, yet a change another process makes (the CLI) counts from the next call.
    @Test func aChannelDisabledByAnotherProcessIsAvoidedFromTheNextCall() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(), EmulatorConfiguration()]) { harness in
            let key = try await harness.customerKey()
            let body = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#
            for _ in 0..<3 { #expect(try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: body).status == 200) }
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 3)
            // What `switchyard channel disable` does: its own store, its own connection, no word to the server.
            let cli = try await Database.open(directory: harness.directory, logger: TestHarness.logger)
            let first = try #require(try await ChannelStore(database: cli).list().first { $0.name == "openai-0" })
            try await ChannelStore(database: cli).setStatus(id: first.id, status: "disabled", reason: "by the operator")
            await cli.close()
            #expect(try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: body).status == 200)
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 3)
            #expect(harness.emulators[1].requestCount("POST /v1/chat/completions") == 1)
        }
    }

    /// Numbers a JSON body may carry but no Int holds (1e300) are refused or ignored, never a crash, in either
    /// direction of translation.
    @Test func hugeNumbersInATranslatedBodyDoNotCrashTheGateway() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: nil)
            _ = try await harness.call(
                .POST, harness.baseURL + "/v1/messages", key: nil,
                body: #"{"model":"gpt-4o-mini","max_tokens":1e300,"messages":[{"role":"user","content":"x"}]}"#, headers: Self.anthropic(key))
            _ = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body: #"{"model":"claude-3-5-haiku-latest","n":1e300,"messages":[{"role":"user","content":"x"}]}"#)
            let fine = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#
            #expect(try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: fine).status == 200)
        }
    }

    @Test func aMaxTokensTooLargeToPriceIsRefusedAndTheGatewayStaysUp() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: nil)
            let body = #"{"model":"gpt-4o","max_tokens":1000000000000000000,"messages":[{"role":"user","content":"x"}]}"#
            for _ in 0..<3 {
                let answer = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: body)
                #expect(answer.status == 400)
                #expect(answer.json?["error"]?["param"] == "max_tokens" || answer.body.contains("max_tokens"))
            }
            let fine = #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#
            #expect(try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: fine).status == 200)
        }
    }

    @Test func oneErrorDoesNotMarkAChannelButAnErrorRateDoes() {
        var settings = RelaySettings()
        settings.minimumSamples = 4
        let health = ChannelHealth(settings: settings)
        #expect(!health.record(channelID: 1, success: false))
        #expect(!health.record(channelID: 1, success: true))
        #expect(!health.record(channelID: 1, success: true))
        #expect(!health.record(channelID: 1, success: true))
        #expect(!health.record(channelID: 1, success: false))
        #expect(health.record(channelID: 1, success: false))
    }

    @Test func aSpentQuotaIsRefusedInEachDialectWithoutCallingUpstream() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "0.000001")
            let openAI = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(openAI.status == 429)
            #expect(openAI.json?["error"]?["code"] == "insufficient_quota")
            let anthropic = try await harness.call(
                .POST, harness.baseURL + "/v1/messages", key: nil,
                body: #"{"model":"claude-3-5-haiku-latest","max_tokens":10,"messages":[{"role":"user","content":"x"}]}"#, headers: Self.anthropic(key)
            )
            #expect(anthropic.status == 400)
            #expect(anthropic.json?["type"] == "error")
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 0)
            #expect(harness.emulators[0].requestCount("POST /v1/messages") == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aFailedCallIsNotChargedAndIsLogged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"boom [fault:500]"}]}"#)
            #expect(answer.status == 502)
            #expect(answer.json?["error"]?["type"] == "server_error")
            let rows = try await harness.usageRows(tokenID: try await harness.token(forKey: key).id, count: 1)
            #expect(rows.first?.costMicros == 0)
            #expect(rows.first?.status == 502)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aStreamCutByTheUpstreamIsChargedForWhatWasDelivered() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let (_, text) = try await harness.stream(
                "/v1/chat/completions", headers: Self.openAI(key),
                body: #"{"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"a long answer please [fault:cut]"}]}"#)
            #expect(!text.contains("[DONE]"))
            let rows = try await harness.usageRows(tokenID: try await harness.token(forKey: key).id, count: 1)
            let row = try #require(rows.first)
            #expect(row.outputTokens > 0 && row.outputTokens <= 4)
            #expect(row.costMicros > 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aClientThatLeavesMidStreamIsChargedForWhatWasDelivered() async throws {
        // The upstream paces its chunks, so the client can leave while the answer is still being written.
        try await TestHarness.run(emulators: [EmulatorConfiguration(streamChunkDelayMillis: 40)]) { harness in
            let key = try await harness.customerKey()
            let headers = Self.openAI(key)
            let body =
                #"{"model":"gpt-4o","stream":true,"max_tokens":200,"messages":[{"role":"user","content":"\#(String(repeating: "word ", count: 40))"}]}"#
            let (_, text) = try await harness.stream("/v1/chat/completions", headers: headers, body: body, stopAfter: 600)
            #expect(!text.contains("[DONE]"))
            let rows = try await harness.usageRows(tokenID: try await harness.token(forKey: key).id, count: 1)
            let row = try #require(rows.first)
            // The full answer is over twenty words; the client took only the first few.
            #expect(row.outputTokens < 15)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aMappedModelNameReachesTheUpstreamAsItsOwn() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key, body: #"{"model":"house-gpt","messages":[{"role":"user","content":"x"}]}"#)
            #expect(answer.status == 200)
            #expect(answer.json?["model"]?.stringValue?.hasPrefix("gpt-4o-mini") == true)
        }
    }

    @Test func otherOpenAIRoutesPassThrough() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let embeddings = try await harness.call(
                .POST, harness.baseURL + "/v1/embeddings", key: key, body: #"{"model":"text-embedding-3-small","input":["a","b"]}"#)
            #expect(embeddings.status == 200)
            guard case .array(let vectors)? = embeddings.json?["data"] else { Issue.record("no embeddings"); return }
            #expect(vectors.count == 2)
            let completions = try await harness.call(
                .POST, harness.baseURL + "/v1/completions", key: key, body: #"{"model":"gpt-4o-mini","prompt":"Once"}"#)
            #expect(completions.status == 200)
            let images = try await harness.call(
                .POST, harness.baseURL + "/v1/images/generations", key: key, body: #"{"model":"gpt-image-1","prompt":"a cat"}"#)
            #expect(images.status == 200)
            let responses = try await harness.call(.POST, harness.baseURL + "/v1/responses", key: key, body: #"{"model":"gpt-4o-mini","input":"Hi"}"#)
            #expect(responses.json?["object"] == "response")
            let (status, text) = try await harness.stream(
                "/v1/responses", headers: Self.openAI(key), body: #"{"model":"gpt-4o-mini","input":"Hi","stream":true}"#)
            #expect(status == 200)
            #expect(Self.events(text).last == "response.completed")
            let speech = try await harness.call(
                .POST, harness.baseURL + "/v1/audio/speech", key: key, body: #"{"model":"tts-1","input":"hi","voice":"alloy"}"#)
            #expect(speech.status == 200)
            #expect(speech.headers.first(name: "content-type") == "audio/mpeg")
            let boundary = "switchyardboundary"
            let form =
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\nID3fakeaudio\r\n--\(boundary)--\r\n"
            let transcription = try await harness.call(
                .POST, harness.baseURL + "/v1/audio/transcriptions", key: key, body: nil,
                headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")], rawBody: form)
            #expect(transcription.status == 200)
            #expect(transcription.json?["text"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func modelsListWhatTheChannelsServeInEitherShape() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let openAI = try await harness.call(.GET, harness.baseURL + "/v1/models", key: key)
            #expect(openAI.json?["object"] == "list")
            #expect(openAI.body.contains("gpt-4o-mini") && openAI.body.contains("claude-3-5-haiku-latest") && openAI.body.contains("ray-2"))
            let anthropic = try await harness.call(.GET, harness.baseURL + "/v1/models", key: nil, headers: Self.anthropic(key))
            #expect(anthropic.json?["has_more"] == false)
            let missing = try await harness.call(.GET, harness.baseURL + "/v1/models/gpt-9", key: key)
            #expect(missing.status == 404)
            #expect(missing.json?["error"]?["type"] == "invalid_request_error")
            #expect(try await harness.call(.GET, harness.baseURL + "/v1/models/gpt-4o", key: key).json?["id"] == "gpt-4o")
            #expect(try await harness.call(.GET, harness.baseURL + "/v1/models", key: "sk-nope").status == 401)
        }
    }

    @Test func countTokensIsAnsweredForEitherKindOfChannel() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            for model in ["claude-3-5-haiku-latest", "gpt-4o-mini"] {
                let answer = try await harness.call(
                    .POST, harness.baseURL + "/v1/messages/count_tokens", key: nil,
                    body: #"{"model":"\#(model)","messages":[{"role":"user","content":"count these words please"}]}"#, headers: Self.anthropic(key))
                #expect(answer.status == 200)
                #expect(answer.json?["input_tokens"]?.intValue ?? 0 > 0)
            }
        }
    }

    @Test func countTokensOnAChannelWhoseKeyIsRefusedIsNotBlamedOnTheCustomer() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["nobody-has-this-key"])]) { harness in
            let key = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/messages/count_tokens", key: nil,
                body: #"{"model":"claude-3-5-haiku-latest","messages":[{"role":"user","content":"count"}]}"#, headers: Self.anthropic(key))
            #expect(answer.status == 502)
            #expect(answer.json?["type"] == "error")
            #expect(answer.json?["error"]?["type"] != "authentication_error")
        }
    }
}

/// Many parallel calls on one small quota: the key never spends more than it has, and what it spent is exactly
/// the sum of its usage rows.
@Suite struct ChatMoneyConcurrencyTests {
    @Test func parallelCallsNeverOverspendAQuota() async throws {
        try await TestHarness.run { harness in
            // gpt-4o: $2.50 in, $10 out per million; each call reserves for max_tokens 100.
            let key = try await harness.customerKey(quota: "0.01")
            let body = #"{"model":"gpt-4o","max_tokens":100,"messages":[{"role":"user","content":"Hello there, how are you today?"}]}"#
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: body).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 429 })
            let answered = statuses.filter { $0 == 200 }.count
            #expect(answered >= 1 && answered < 40)
            let tokenID = try await harness.token(forKey: key).id
            let rows = try await harness.usageRows(tokenID: tokenID, count: answered)
            try await waitUntil { try await harness.token(forKey: key).usedMicros == rows.map(\.costMicros).reduce(0, +) }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros <= 10_000)
            #expect(token.usedMicros == rows.map(\.costMicros).reduce(0, +))
            let charges = try await harness.database.read.raw(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_micros), 0) AS BIGINT) AS total FROM ledger_entries WHERE token_id = \(bind: tokenID) AND kind = 'charge'"
            ).first()
            #expect(try charges?.decode(column: "total", as: Int64.self) == token.usedMicros)
            try await harness.expectLedgerBalanced()
        }
    }
}
