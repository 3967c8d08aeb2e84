import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// What a customer can send to the relay cannot run one thing while another is priced, spend past a balance,
/// leave money reserved, or take channels out of rotation.
@Suite struct RelayHardeningTests {
    static let chatURL = "/v1/chat/completions"

    @Test func aBodyNamingTheModelTwiceIsRefusedInEachDialectAndNeverSent() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let openAI = try await harness.call(
                .POST, harness.baseURL + Self.chatURL, key: key,
                body: #"{"model":"gpt-4o-mini","mod\u0065l":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(openAI.status == 400)
            #expect(openAI.json?["error"]?["message"]?.stringValue?.contains("model") == true)
            let anthropic = try await harness.call(
                .POST, harness.baseURL + "/v1/messages", key: nil,
                body: #"{"model":"claude-3-5-haiku-latest","max_tokens":10,"max_tokens":100000,"messages":[{"role":"user","content":"x"}]}"#,
                headers: [("x-api-key", key), ("anthropic-version", "2023-06-01")])
            #expect(anthropic.status == 400)
            #expect(anthropic.json?["type"] == "error")
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 0)
            #expect(harness.emulators[0].requestCount("POST /v1/messages") == 0)
            #expect(try await harness.token(forKey: key).usedMicros == 0)
        }
    }

    /// `n` answers may each use `max_tokens`: the reservation covers them all, so a balance cannot be outrun by
    /// asking for many answers at the price of one.
    @Test func theReservationCoversEveryAnswerTheRequestAsksFor() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "0.01")
            let body = { (n: Int) in #"{"model":"gpt-4o-mini","n":\#(n),"max_tokens":1000,"messages":[{"role":"user","content":"x"}]}"# }
            let many = try await harness.call(.POST, harness.baseURL + Self.chatURL, key: key, body: body(64))
            // OpenAI answers a spent balance with 429 `insufficient_quota`, and so does its dialect here.
            #expect(many.status == 429)
            #expect(many.json?["error"]?["code"] == "insufficient_quota")
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 0)
            let one = try await harness.call(.POST, harness.baseURL + Self.chatURL, key: key, body: body(1))
            #expect(one.status == 200)
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }

    enum Fault: String, CaseIterable {
        case clientGoneBeforeHeaders, clientGoneBeforeStreamHeaders, clientGoneMidStream, upstreamDropsTheConnection, upstreamCutsTheStream
        case upstreamTimesOut
    }

    /// Whatever ends a call — the client, the upstream or a deadline — its reservation is released.
    @Test(arguments: Fault.allCases)
    func everyFaultLeavesNothingReserved(fault: Fault) async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, streamChunkDelayMillis: 30)]) { harness in
            let key = try await harness.customerKey()
            let headers = [("Authorization", "Bearer \(key)")]
            func body(_ content: String, stream: Bool) -> String {
                #"{"model":"gpt-4o","stream":\#(stream),"max_tokens":200,"messages":[{"role":"user","content":"\#(content)"}]}"#
            }
            switch fault {
            case .clientGoneBeforeHeaders, .clientGoneBeforeStreamHeaders:
                var request = HTTPClientRequest(url: harness.baseURL + Self.chatURL)
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(key)")
                request.body = .bytes(ByteBuffer(string: body("hello [fault:slow]", stream: fault == .clientGoneBeforeStreamHeaders)))
                await #expect(throws: (any Error).self) { _ = try await harness.client.execute(request, timeout: .milliseconds(300)) }
                // The upstream is still answering; only then can the gateway notice the client is gone.
                try await waitUntil { harness.emulators[0].requestCount("POST /v1/chat/completions") == 1 }
            case .clientGoneMidStream:
                let (_, text) = try await harness.stream(
                    Self.chatURL, headers: headers, body: body(String(repeating: "word ", count: 40), stream: true), stopAfter: 300)
                #expect(!text.contains("[DONE]"))
            case .upstreamDropsTheConnection:
                let answer = try await harness.call(.POST, harness.baseURL + Self.chatURL, key: key, body: body("x [fault:drop]", stream: false))
                #expect(answer.status >= 500)
            case .upstreamCutsTheStream:
                let (_, text) = try await harness.stream(Self.chatURL, headers: headers, body: body("long [fault:cut]", stream: true))
                #expect(!text.contains("[DONE]"))
            case .upstreamTimesOut:
                let answer = try await harness.call(.POST, harness.baseURL + Self.chatURL, key: key, body: body("x [fault:timeout]", stream: false))
                #expect(answer.status >= 500)
            }
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }

    /// A customer whose prompts every upstream answers with 429 does not take the channels out of rotation: the
    /// next customer is served, and no channel is marked unhealthy.
    @Test func rateLimitedAnswersDoNotTakeChannelsOutOfRotation() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05), EmulatorConfiguration(stepSeconds: 0.05)]) { harness in
            let noisy = try await harness.customerKey()
            for _ in 0..<30 {
                let answer = try await harness.call(
                    .POST, harness.baseURL + Self.chatURL, key: noisy,
                    body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"[fault:429]"}]}"#)
                #expect(answer.status == 429)
            }
            let channels = try await ChannelStore(database: harness.database).list().filter { $0.family == "openai" }
            #expect(channels.allSatisfy { $0.status == "enabled" })
            let other = try await harness.customerKey()
            let answer = try await harness.call(
                .POST, harness.baseURL + Self.chatURL, key: other, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#)
            #expect(answer.status == 200)
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }

    /// A key the upstream refuses is skipped from then on; its channel stays in rotation on its other key.
    @Test func aRefusedKeyIsSkippedAndItsChannelStaysInRotation() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["openai-key-0", "good"])]) { harness in
            let store = ChannelStore(database: harness.database)
            let twoKeys = try await store.add(
                .init(
                    name: "two-keys", family: "openai", baseURL: harness.emulators[0].openAIBaseURL, credential: .init(key: "bad,good"),
                    models: ["gpt-4o"], priority: 500))
            let key = try await harness.customerKey()
            for _ in 0..<6 {
                let answer = try await harness.call(
                    .POST, harness.baseURL + Self.chatURL, key: key, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#)
                #expect(answer.status == 200)
            }
            let rows = try await harness.usageRows(tokenID: try await harness.token(forKey: key).id, count: 6)
            #expect(rows.filter { $0.channelID == twoKeys.id }.count >= 5)
            #expect(try await store.find(id: twoKeys.id)?.status == "enabled")
        }
    }
}
