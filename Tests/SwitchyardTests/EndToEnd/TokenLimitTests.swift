import Foundation
import NIOCore
import NIOHTTP1
import Testing
@testable import Switchyard

/// What a key may do beyond its quota: expiry, revocation, models, networks and request rate, each refused in the
/// caller's dialect with no side effect.
@Suite struct TokenLimitTests {
    func key(_ harness: TestHarness, _ limits: TokenStore.Limits) async throws -> (key: String, token: Token) {
        let created = try await TokenStore(database: harness.database).create(name: "limited", quotaMicros: 10_000_000, limits: limits)
        return (created.key, created.token)
    }

    @Test(arguments: PostgresTestServer.engines) func expiredAndRevokedKeysAreRefusedWithNoSideEffect(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let expired = try await key(harness, .init(expiresAt: Clock.wall.nowMillis() - 1_000)).key
            let answer = try await harness.call(.POST, "/generations/video", key: expired, body: #"{"prompt":"x"}"#)
            #expect(answer.status == 401)
            #expect(answer.json?["detail"] == "This API key has expired")
            let (revokedKey, token) = try await key(harness, .init())
            #expect(try await harness.call(.GET, "/generations", key: revokedKey).status == 200)
            #expect(try await TokenStore(database: harness.database).revoke(id: token.id))
            let revoked = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: revokedKey,
                body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#)
            #expect(revoked.status == 401)
            #expect(revoked.json?["error"]?["code"] == "invalid_api_key")
            #expect(harness.emulators[0].requestCount("POST /generations/video") == 0)
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    /// A key read long before its call is spent (a slow upload) is read again, so the spend buffer's memory of
    /// recent writes always covers what its read cannot contain, and a revocation in between is seen.
    @Test(arguments: PostgresTestServer.engines) func aKeyReadBeforeASlowUploadIsReadAgain(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let (key, _) = try await self.key(harness, .init())
            let tokens = TokenStore(database: harness.database)
            let authenticator = CustomerAuthenticator(tokens: tokens)
            var token = try #require(try await tokens.authenticate(key: key))
            #expect(try await authenticator.fresh(token) == token)
            token.readAt -= SpendBuffer.memoryMillis
            let reread = try await authenticator.fresh(token)
            #expect(reread.readAt > token.readAt && reread.readSequence > token.readSequence)
            #expect(try await tokens.revoke(id: token.id))
            await #expect(throws: GatewayError.self) { try await authenticator.fresh(token) }
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aKeyCallsOnlyItsModels(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let limited = try await key(harness, .init(allowedModels: ["gpt-4o-mini"])).key
            let refused = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: limited, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#
            )
            #expect(refused.status == 403)
            #expect(refused.json?["error"]?["message"]?.stringValue?.contains("gpt-4o") == true)
            #expect(try await harness.call(.POST, "/generations/video", key: limited, body: #"{"prompt":"x"}"#).status == 403)
            let allowed = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: limited,
                body: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#)
            #expect(allowed.status == 200)
            let models = try await harness.call(.GET, harness.baseURL + "/v1/models", key: limited)
            guard case .array(let data)? = models.json?["data"] else { Issue.record("no models"); return }
            #expect(data.compactMap { $0["id"]?.stringValue } == ["gpt-4o-mini"])
            #expect(try await harness.token(forKey: limited).heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aKeyIsUsedOnlyFromItsNetworks(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let elsewhere = try await key(harness, .init(allowedIPs: ["10.0.0.0/8"])).key
            let refused = try await harness.call(.GET, "/generations", key: elsewhere)
            #expect(refused.status == 403)
            #expect(refused.json?["detail"]?.stringValue?.contains("address") == true)
            let here = try await key(harness, .init(allowedIPs: ["127.0.0.0/8", "::1"])).key
            #expect(try await harness.call(.GET, "/generations", key: here).status == 200)
            await #expect(throws: GatewayError.self) {
                try await TokenStore(database: harness.database).create(name: "bad", quotaMicros: nil, limits: .init(allowedIPs: ["not-an-ip"]))
            }
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aKeyOverItsRequestRateGets429WithRetryAfter(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let limited = try await key(harness, .init(requestsPerMinute: 2)).key
            #expect(try await harness.call(.GET, "/generations", key: limited).status == 200)
            #expect(try await harness.call(.GET, "/generations", key: limited).status == 200)
            let third = try await harness.call(.GET, "/generations", key: limited)
            #expect(third.status == 429)
            #expect(Int(third.headers.first(name: "retry-after") ?? "") ?? 0 >= 1)
            let openAI = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: limited, body: #"{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}"#
            )
            #expect(openAI.status == 429)
            #expect(openAI.json?["error"]?["type"] == "rate_limit_error")
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func addressBlocksMatchAsCIDRSays() throws {
        let block = try #require(AddressBlock("192.168.4.0/22"))
        #expect(block.contains(try SocketAddress(ipAddress: "192.168.7.255", port: 0)))
        #expect(!block.contains(try SocketAddress(ipAddress: "192.168.8.0", port: 0)))
        #expect(block.contains(try SocketAddress(ipAddress: "::ffff:192.168.5.1", port: 0)))
        let v6 = try #require(AddressBlock("2001:db8::/32"))
        #expect(v6.contains(try SocketAddress(ipAddress: "2001:db8:1::1", port: 0)))
        #expect(!v6.contains(try SocketAddress(ipAddress: "2001:db9::1", port: 0)))
        #expect(AddressBlock("10.0.0.0/33") == nil)
        #expect(AddressBlock("1.2.3.4")?.contains(try SocketAddress(ipAddress: "1.2.3.4", port: 0)) == true)
    }
}
