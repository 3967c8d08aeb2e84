import Testing
@testable import Switchyard

/// Prices and multipliers at the top of their range: found by the interop boundary tests, where a chat call of a
/// user in a ×0.001 group, on a model an operator priced near the largest amount, stopped the process.
@Suite struct PriceBoundaryTests {
    @Test func scalingAnAmountNearTheTopRoundsInsteadOfTrapping() {
        #expect(Money.scale(.max, byPermille: 1) == 9_223_372_036_854_776)
        #expect(Money.scale(.max - 100, byPermille: 1) == 9_223_372_036_854_776)
        #expect(Money.scale(1_499, byPermille: 1) == 1)
        #expect(Money.scale(1_500, byPermille: 1) == 2)
        #expect(Money.scale(-1_500, byPermille: 1) == -1)
        #expect(Money.scale(.min, byPermille: 2) == nil)
    }

    @Test func aChatCallInATinyGroupOnTheLargestPriceIsAnsweredAndTheGatewayLives() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let api = harness.baseURL + "/api"
            #expect(try await harness.call(.POST, api + "/group", key: admin, body: #"{"name":"tiny","multiplier":"0.001"}"#).status == 200)
            let price =
                #"{"family":"openai","model":"gpt-4o","action":"tokens","input_per_million":"9223372036854.775807","#
                + #""output_per_million":"9223372036854.775807"}"#
            #expect(try await harness.call(.POST, api + "/pricing", key: admin, body: price).status == 200)
            let (_, keys) = try await harness.customerUser(balance: "100.00", group: "tiny")
            let key = try #require(keys.first)

            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"max_tokens":1}"#)
            #expect((400..<500).contains(answer.status), "\(answer.status) \(answer.body)")
            #expect(answer.json?["error"]?["message"]?.stringValue != nil)
            #expect(try await harness.call(.GET, harness.baseURL + "/health", key: nil).status == 200)
        }
    }
}
