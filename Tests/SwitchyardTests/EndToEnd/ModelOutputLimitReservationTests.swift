import Testing
@testable import Switchyard

/// A call that sets no output limit may run to the model's own: its reservation covers that, so an answer longer
/// than the gateway's default of 4096 tokens is never charged less than it used.
@Suite struct ModelOutputLimitReservationTests {
    static let chatURL = "/v1/chat/completions"

    /// gpt-4o gives up to 16384 output tokens at $10 per million: $0.164 without max_tokens, where 4096 tokens
    /// would be $0.041. A key with $0.10 is refused the first before it is sent, and served with max_tokens 100.
    @Test func aCallWithoutMaxTokensReservesTheModelsOutputLimit() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "0.10")
            let unlimited = try await harness.call(
                .POST, harness.baseURL + Self.chatURL, key: key, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}]}"#)
            #expect(unlimited.status == 429)
            #expect(unlimited.json?["error"]?["code"] == "insufficient_quota")
            let responses = try await harness.call(
                .POST, harness.baseURL + "/v1/responses", key: key, body: #"{"model":"gpt-4o","input":"Hello"}"#)
            #expect(responses.status == 429)
            #expect(responses.json?["error"]?["code"] == "insufficient_quota")
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 0)
            #expect(harness.emulators[0].requestCount("POST /v1/responses") == 0)
            #expect(try await harness.token(forKey: key).usedMicros == 0)
            let limited = try await harness.call(
                .POST, harness.baseURL + Self.chatURL, key: key,
                body: #"{"model":"gpt-4o","max_tokens":100,"messages":[{"role":"user","content":"Hello"}]}"#)
            #expect(limited.status == 200)
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }

    /// A limit past the model's is reserved as asked (the upstream refuses it, and nothing is charged), never
    /// lowered to the model's: 20000 tokens ($0.20) do not fit $0.18, the model's 16384 ($0.164) do.
    @Test func aLimitPastTheModelsIsReservedAsAsked() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "0.18")
            let past = try await harness.call(
                .POST, harness.baseURL + Self.chatURL, key: key,
                body: #"{"model":"gpt-4o","max_tokens":20000,"messages":[{"role":"user","content":"Hello"}]}"#)
            #expect(past.status == 429)
            #expect(past.json?["error"]?["code"] == "insufficient_quota")
            let unlimited = try await harness.call(
                .POST, harness.baseURL + Self.chatURL, key: key, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}]}"#)
            #expect(unlimited.status == 200)
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }

    /// The operator's rule names the limit; a rule without one leaves the gateway's default (4096) in force.
    @Test func anOperatorsRuleSetsTheLimit() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let rule = { (limit: String) in
                #"{"family":"openai","model":"gpt-4o-mini","action":"tokens","input_per_million":"0.15","output_per_million":"100.00""#
                    + limit + "}"
            }
            for bad in [#","max_output_tokens":0"#, #","max_output_tokens":10000001"#, #","max_output_tokens":"many""#] {
                let refused = try await harness.call(.POST, harness.baseURL + "/api/pricing", key: admin, body: rule(bad))
                #expect(refused.status == 422, "\(bad)")
                #expect(refused.body.contains("max_output_tokens"))
            }
            let set = try await harness.call(.POST, harness.baseURL + "/api/pricing", key: admin, body: rule(#","max_output_tokens":200"#))
            #expect(set.status == 200)
            let listed = try await harness.call(.GET, harness.baseURL + "/api/pricing?family=openai", key: admin)
            #expect(listed.json?["data"]?.arrayValue?.first { $0["model"] == "gpt-4o-mini" }?["max_output_tokens"] == .int(200))
            // 200 tokens at $100 per million reserve $0.02; 4096 would reserve $0.41.
            let key = try await harness.customerKey(quota: "0.05")
            let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}"#
            #expect(try await harness.call(.POST, harness.baseURL + Self.chatURL, key: key, body: chat).status == 200)
            #expect(try await harness.call(.POST, harness.baseURL + "/api/pricing", key: admin, body: rule("")).status == 200)
            let refused = try await harness.call(.POST, harness.baseURL + Self.chatURL, key: key, body: chat)
            #expect(refused.status == 429)
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 1)
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }
}
