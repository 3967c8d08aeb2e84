import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard

/// The operators' API: only an administrator's key opens it, and it never hands back a secret once set.
@Suite struct AdminAPITests {
    static let routes: [(HTTPMethod, String, String?)] = [
        (.GET, "/api/token", nil), (.POST, "/api/token", #"{"name":"x"}"#), (.POST, "/api/token/tok_x/revoke", nil),
        (.POST, "/api/token/tok_x/topup", #"{"amount":"1.00"}"#), (.GET, "/api/channel", nil),
        (.POST, "/api/channel", #"{"family":"luma","base_url":"http://127.0.0.1:9","key":"k","models":"ray-2"}"#),
        (.POST, "/api/channel/1/enable", nil), (.POST, "/api/channel/1/disable", nil), (.GET, "/api/channel/test/1", nil),
        (.GET, "/api/log", nil), (.GET, "/api/task", nil), (.GET, "/api/pricing", nil),
        (.PUT, "/api/channel/1", #"{"weight":5}"#), (.GET, "/api/user", nil), (.POST, "/api/user", #"{"name":"x"}"#),
        (.GET, "/api/user/usr_x", nil), (.PUT, "/api/user/usr_x", #"{"status":"disabled"}"#),
        (.POST, "/api/user/usr_x/topup", #"{"amount":"1.00"}"#), (.POST, "/api/user/usr_x/adjust", #"{"amount":"-1.00","note":"x"}"#),
        (.GET, "/api/group", nil), (.POST, "/api/group", #"{"name":"vip","multiplier":"0.5"}"#),
        (.POST, "/api/pricing", #"{"family":"openai","model":"gpt-4o-mini","action":"tokens","free":true}"#),
        (.DELETE, "/api/pricing?family=openai&model=gpt-4o-mini&action=tokens", nil), (.GET, "/api/topup", nil),
        (.GET, "/api/summary?by=model", nil), (.GET, "/api/ledger", nil), (.GET, "/api/ledger/verify", nil),
        (.PUT, "/api/token/tok_x", #"{"rpm":1}"#),
        (.POST, "/api/token/tok_x/disable", nil), (.POST, "/api/token/tok_x/enable", nil), (.GET, "/api/reconcile", nil),
        (.POST, "/api/reconcile/x", #"{"action":"refund"}"#),
    ]

    static let chat = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#

    @Test(arguments: PostgresTestServer.engines) func everyAdminRouteRefusesACustomersKey(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let customer = try await harness.customerKey()
            let channelCount = try await ChannelStore(database: harness.database).list().count
            for (method, path, body) in Self.routes {
                let answer = try await harness.call(method, harness.baseURL + path, key: customer, body: body)
                #expect(answer.status == 403, "\(method) \(path)")
                #expect(answer.json?["success"] == false)
                let anonymous = try await harness.call(method, harness.baseURL + path, key: nil, body: body)
                #expect(anonymous.status == 401, "\(method) \(path)")
            }
            #expect(try await ChannelStore(database: harness.database).list().count == channelCount)
            #expect(try await ChannelStore(database: harness.database).find(id: 1)?.weight == 1)
            #expect(try await UserStore(database: harness.database).list().total == 0)
            #expect(try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: customer, body: Self.chat).status == 200)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func anAdministratorManagesKeysAndChannelsWithoutSeeingSecrets(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let created = try await harness.call(
                .POST, harness.baseURL + "/api/token", key: admin, body: #"{"name":"alice","quota":"2.00","models":"gpt-4o-mini","rpm":60}"#)
            #expect(created.json?["success"] == true)
            let key = try #require(created.json?["data"]?["key"]?.stringValue)
            let id = try #require(created.json?["data"]?["id"]?.stringValue)
            let toppedUp = try await harness.call(
                .POST, harness.baseURL + "/api/token/\(id)/topup", key: admin, body: #"{"amount":"3.00","idempotency_key":"invoice-1"}"#)
            #expect(toppedUp.json?["data"]?["quota"] == "5.00")
            // The same top-up again counts once.
            _ = try await harness.call(
                .POST, harness.baseURL + "/api/token/\(id)/topup", key: admin, body: #"{"amount":"3.00","idempotency_key":"invoice-1"}"#)
            #expect(try await harness.token(forKey: key).quotaMicros == 5_000_000)
            let list = try await harness.call(.GET, harness.baseURL + "/api/token", key: admin)
            #expect(!list.body.contains(key))
            #expect(!list.body.contains(CustomerKey.hash(key)))
            // Health: the relayed chat call above counts on the OpenAI channel.
            _ = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: Self.chat)
            let channels = try await harness.call(.GET, harness.baseURL + "/api/channel", key: admin)
            #expect(channels.json?["success"] == true)
            let openAI = channels.json?["data"]?["items"]?.arrayValue?.first { $0["family"] == "openai" }
            #expect(openAI?["recent"]?["calls"] == 1)
            #expect(openAI?["recent"]?["failures"] == 0)
            #expect(!channels.body.contains("upstream-key-0") && !channels.body.contains("openai-key-0"))
            let test = try await harness.call(.GET, harness.baseURL + "/api/channel/test/1", key: admin)
            #expect(test.json?["data"]?["reachable"] == true)
            #expect(try await harness.call(.POST, harness.baseURL + "/api/channel/1/disable", key: admin).json?["data"]?["status"] == "disabled")
            #expect(try await harness.call(.POST, harness.baseURL + "/api/token/\(id)/revoke", key: admin).json?["success"] == true)
            #expect(try await harness.call(.GET, "/generations", key: key).status == 401)
            let pricing = try await harness.call(.GET, harness.baseURL + "/api/pricing", key: admin)
            #expect(pricing.body.contains("gpt-4o-mini") && pricing.body.contains("ray-2"))
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func anAdministratorEditsDisablesAndReenablesAKey(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let key = try await harness.customerKey()
            let id = try await harness.token(forKey: key).id
            let chat = { try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: Self.chat) }
            #expect(try await chat().status == 200)
            let edited = try await harness.call(
                .PUT, harness.baseURL + "/api/token/\(id)", key: admin, body: #"{"models":"claude-3-5-haiku-latest"}"#)
            #expect(edited.json?["data"]?["models"] == .array(["claude-3-5-haiku-latest"]))
            #expect(try await chat().status == 403)
            _ = try await harness.call(.PUT, harness.baseURL + "/api/token/\(id)", key: admin, body: #"{"models":null}"#)
            #expect(try await chat().status == 200)
            #expect(try await harness.call(.POST, harness.baseURL + "/api/token/\(id)/disable", key: admin).json?["data"]?["status"] == "disabled")
            #expect(try await chat().status == 401)
            #expect(try await harness.call(.POST, harness.baseURL + "/api/token/\(id)/enable", key: admin).json?["data"]?["status"] == "active")
            #expect(try await chat().status == 200)
            // Revoked is for good.
            _ = try await harness.call(.POST, harness.baseURL + "/api/token/\(id)/revoke", key: admin)
            #expect(try await harness.call(.POST, harness.baseURL + "/api/token/\(id)/enable", key: admin).status == 404)
            #expect(try await chat().status == 401)
            // The ledger lists what the key was charged, with the price in force.
            try await waitUntil {
                let ledger = try await harness.call(.GET, harness.baseURL + "/api/ledger?token_id=\(id)&kind=charge", key: admin)
                return ledger.json?["data"]?["items"]?.arrayValue?.count == 3
            }
            let ledger = try await harness.call(.GET, harness.baseURL + "/api/ledger?token_id=\(id)&kind=charge", key: admin)
            let entries = try #require(ledger.json?["data"]?["items"]?.arrayValue)
            #expect(entries.allSatisfy { $0["kind"] == "charge" && $0["price"]?.stringValue?.hasPrefix("openai/gpt-4o-mini") == true })
            try await harness.expectLedgerBalanced()
        }
    }

}
