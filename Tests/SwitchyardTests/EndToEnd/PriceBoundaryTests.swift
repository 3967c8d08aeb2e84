import Testing
@testable import Switchyard

/// Prices and multipliers at the top of their range. Found by the interop boundary tests: a chat call of a user in a
/// ×0.001 group, on a model an operator had priced near the largest amount, stopped the process (Money.scale), and a
/// task price beyond what a call can be charged made every call it priced fail with a 500.
@Suite struct PriceBoundaryTests {
    @Test func scalingAnAmountNearTheTopRoundsInsteadOfTrapping() {
        #expect(Money.scale(.max, byPermille: 1) == 9_223_372_036_854_776)
        #expect(Money.scale(.max - 100, byPermille: 1) == 9_223_372_036_854_776)
        #expect(Money.scale(1_499, byPermille: 1) == 1)
        #expect(Money.scale(1_500, byPermille: 1) == 2)
        #expect(Money.scale(-1_500, byPermille: 1) == -1)
        #expect(Money.scale(.min, byPermille: 2) == nil)
    }

    @Test func aChatCallInATinyGroupOnTheLargestTokenPriceIsAnsweredAndTheGatewayLives() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let api = harness.baseURL + "/api"
            #expect(try await harness.call(.POST, api + "/group", key: admin, body: #"{"name":"tiny","multiplier":"0.001"}"#).status == 200)
            let price =
                #"{"family":"openai","model":"gpt-4o","action":"tokens","input_per_million":"1000000.00","#
                + #""output_per_million":"1000000.00"}"#
            #expect(try await harness.call(.POST, api + "/pricing", key: admin, body: price).status == 200)
            let (_, keys) = try await harness.customerUser(balance: "100.00", group: "tiny")
            let key = try #require(keys.first)

            let answer = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"max_tokens":1}"#)
            // $1,000 per million tokens after the ×0.001: a call of a few tokens the user's balance covers.
            #expect(answer.status == 200, "\(answer.body)")
            #expect(try await harness.call(.GET, harness.baseURL + "/health", key: nil).status == 200)
        }
    }

    /// An operator's price too large for the calls it prices is refused when it is set (it used to be accepted, and
    /// every call it priced then failed with a 500).
    @Test func pricesBeyondWhatACallCanBeChargedAreRefusedWhenSet() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let pricing = harness.baseURL + "/api/pricing"
            for body in [
                #"{"family":"luma","model":"ray-flash-2","action":"video","usd":"9223372036854.775807"}"#,
                #"{"family":"luma","model":"ray-flash-2","action":"video","usd":"1.00","modifiers":[{"fact":"duration","equals":"9s","multiplier":"9223372036854.775"}]}"#,
                #"{"family":"openai","model":"gpt-4o","action":"tokens","input_per_million":"1000000.01","output_per_million":"1.00"}"#,
            ] {
                let answer = try await harness.call(.POST, pricing, key: admin, body: body)
                #expect(answer.status == 422, "\(body): \(answer.body)")
                #expect(answer.json?["success"] == false)
            }
        }
    }

    /// The largest accepted price, with its largest modifier, for a user of the ×100 group: the call is refused for
    /// want of balance, in Luma's shape, and nothing is held.
    @Test func theLargestAcceptedPriceInTheLargestGroupIsRefusedForBalanceNotFailed() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let api = harness.baseURL + "/api"
            #expect(try await harness.call(.POST, api + "/group", key: admin, body: #"{"name":"most","multiplier":"100"}"#).status == 200)
            let price =
                #"{"family":"luma","model":"ray-flash-2","action":"video","usd":"1000.00","#
                + #""modifiers":[{"fact":"duration","equals":"9s","multiplier":"10000"}]}"#
            #expect(try await harness.call(.POST, api + "/pricing", key: admin, body: price).status == 200)
            let (user, keys) = try await harness.customerUser(balance: "100.00", group: "most")
            let answer = try await harness.call(
                .POST, "/generations/video", key: try #require(keys.first), body: #"{"prompt":"x","model":"ray-flash-2","duration":"9s"}"#)
            #expect((400..<500).contains(answer.status), "\(answer.status) \(answer.body)")
            #expect(answer.json?["detail"]?.stringValue != nil)
            #expect(try await harness.user(user.id).heldMicros == 0)
        }
    }
}
