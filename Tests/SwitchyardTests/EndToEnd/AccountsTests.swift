import Foundation
import SQLKit
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Users, their balances and groups: every key's spend counts against its user, and the group's multiplier prices it.
@Suite struct AccountsTests {
    static let chat = #"{"model":"gpt-4o","max_tokens":100,"messages":[{"role":"user","content":"Hello there, how are you today?"}]}"#

    @Test(arguments: PostgresTestServer.engines) func aGroupMultiplierPricesEveryCallAndTheLedgerRecordsIt(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let group = try await harness.call(.POST, harness.baseURL + "/api/group", key: admin, body: #"{"name":"vip","multiplier":"0.50"}"#)
            #expect(group.json?["data"]?["multiplier"] == "0.5")
            let customer = try await harness.customerUser(balance: "5.00", group: "vip")
            let key = customer.keys[0]

            let id = try #require(
                try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"a fox","model":"ray-2"}"#).json?["id"]?.stringValue)
            _ = try await harness.waitForEnd(id, key: key)
            let entries = try await harness.ledger(id)
            #expect(entries.map(\.kind) == ["hold", "settle"])
            // ray-2 lists at $0.71; the vip group pays half.
            #expect(entries.map(\.amountMicros) == [355_000, 355_000])
            #expect(entries.allSatisfy { $0.price?.contains("×0.5 (group vip)") == true })

            let answer = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: Self.chat)
            #expect(answer.status == 200)
            let requestID = try #require(answer.headers.first(name: "x-request-id"))
            try await waitUntil { try await harness.ledger(requestID).count == 1 }
            let charge = try #require(try await harness.ledger(requestID).first)
            #expect(charge.kind == "charge")
            #expect(charge.price?.contains("openai/gpt-4o per 1M tokens: in 2.50 out 10.00") == true)
            #expect(charge.price?.contains("×0.5 (group vip)") == true)

            // The user's balance moved by exactly what their key spent.
            let user = try await harness.user(customer.user.id)
            #expect(user.usedMicros == 355_000 + charge.amountMicros)
            #expect(user.balanceMicros == 5_000_000 - user.usedMicros)
            let me = try await harness.call(.GET, harness.baseURL + "/api/user/self", key: key)
            #expect(me.json?["data"]?["group"] == "vip")
            #expect(me.json?["data"]?["price_multiplier"] == "0.5")
            #expect(me.json?["data"]?["quota"]?.stringValue == Money.format(user.balanceMicros!))
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aUsersKeysShareOneBalanceAndNoneSpendsPastIt(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            // Two unlimited keys on a $1.00 balance: one ray-2 video ($0.71) fits, a second does not, on either key.
            let customer = try await harness.customerUser(balance: "1.00", keys: 2)
            let first = try await harness.call(.POST, "/generations/video", key: customer.keys[0], body: #"{"prompt":"one","model":"ray-2"}"#)
            #expect(first.status == 201)
            let second = try await harness.call(.POST, "/generations/video", key: customer.keys[1], body: #"{"prompt":"two","model":"ray-2"}"#)
            #expect(second.status == 402)
            #expect(second.json?["detail"]?.stringValue?.isEmpty == false)
            let tasks = try await harness.database.read.raw("SELECT COUNT(*) AS n FROM tasks").first()?.decode(column: "n", as: Int.self)
            #expect(tasks == 1)
            let user = try await harness.user(customer.user.id)
            #expect(user.heldMicros + user.usedMicros == 710_000)
            // The billing endpoint shows what is left to the user, not the key's unlimited quota.
            let subscription = try await harness.call(.GET, harness.baseURL + "/v1/dashboard/billing/subscription", key: customer.keys[1])
            let limit = try #require(subscription.json?["hard_limit_usd"]?.doubleValue)
            #expect(abs(limit - 0.29) < 0.000_001)
            // Luma's credits and the key's own page say the same.
            let credits = try await harness.call(.GET, "/credits", key: customer.keys[1])
            #expect(credits.json?["credit_balance"]?.doubleValue.map { abs($0 - 29) < 0.000_001 } == true)
            let tokenSelf = try await harness.call(.GET, harness.baseURL + "/api/token/self", key: customer.keys[1])
            #expect(tokenSelf.json?["data"]?["spendable"] == "0.29")
            #expect(tokenSelf.json?["data"]?["unlimited_quota"] == true)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func manyParallelCallsOnOneUserNeverOverspendAndTheBalanceAddsUp(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let customer = try await harness.customerUser(balance: "0.005", keys: 3)
            _ = try await harness.call(
                .POST, harness.baseURL + "/api/user/\(customer.user.id)/topup", key: admin, body: #"{"amount":"0.005","idempotency_key":"inv-2"}"#)
            // A gpt-4o call here costs about $0.00027 (and reserves $0.001 while it runs): 60 calls on three keys want
            // more than the $0.01 credited.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<60 {
                    let key = customer.keys[index % 3]
                    group.addTask { try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: Self.chat).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 200 || $0 == 429 })
            let answered = statuses.count(where: { $0 == 200 })
            #expect(answered >= 1 && answered < 60, "\(statuses)")
            try await waitUntil {
                let rows = try await harness.database.read.raw("SELECT COUNT(*) AS n FROM usage_logs").first()?.decode(column: "n", as: Int.self)
                let charged = try await harness.ledgerSum(userID: customer.user.id, kinds: ["charge"])
                let used = try await harness.user(customer.user.id).usedMicros
                return rows == answered && charged == used
            }
            let user = try await harness.user(customer.user.id)
            // Never past the balance, and balance = top-ups − settled, entry by entry.
            #expect(user.usedMicros <= 10_000)
            #expect(user.heldMicros == 0)
            #expect(try await harness.ledgerSum(userID: customer.user.id, kinds: ["topup", "adjustment"]) == user.quotaMicros)
            let settled = try await harness.ledgerSum(userID: customer.user.id, kinds: ["settle", "charge"])
            #expect(user.balanceMicros == user.quotaMicros! - settled)
            let spentByKeys = try await harness.database.read.raw(
                "SELECT CAST(COALESCE(SUM(used_micros), 0) AS BIGINT) AS n FROM tokens WHERE user_id = \(bind: customer.user.id)"
            ).first()?.decode(column: "n", as: Int64.self)
            #expect(spentByKeys == user.usedMicros)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aDisabledUsersKeysAreRefusedWithNoSideEffect(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let customer = try await harness.customerUser(balance: "5.00")
            let disabled = try await harness.call(
                .PUT, harness.baseURL + "/api/user/\(customer.user.id)", key: admin, body: #"{"status":"disabled"}"#)
            #expect(disabled.json?["data"]?["status"] == "disabled")
            let refused = try await harness.call(.POST, "/generations/video", key: customer.keys[0], body: #"{"prompt":"x","model":"ray-2"}"#)
            #expect(refused.status == 401)
            #expect(try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: customer.keys[0], body: Self.chat).status == 401)
            #expect(try await harness.user(customer.user.id).heldMicros == 0)
            _ = try await harness.call(.PUT, harness.baseURL + "/api/user/\(customer.user.id)", key: admin, body: #"{"status":"active"}"#)
            #expect(try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: customer.keys[0], body: Self.chat).status == 200)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aUsersRequestRateCoversAllTheirKeys(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let customer = try await harness.customerUser(balance: "5.00", keys: 2, rpm: 2)
            #expect(try await harness.call(.GET, harness.baseURL + "/api/token/self", key: customer.keys[0]).status == 200)
            #expect(try await harness.call(.GET, harness.baseURL + "/api/token/self", key: customer.keys[1]).status == 200)
            let third = try await harness.call(.POST, "/generations/video", key: customer.keys[1], body: #"{"prompt":"x","model":"ray-2"}"#)
            #expect(third.status == 429)
            #expect(Int(third.headers.first(name: "retry-after") ?? "") ?? 0 >= 1)
            #expect(third.json?["detail"] != nil)
            #expect(try await harness.user(customer.user.id).heldMicros == 0)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func topUpsAndAdjustmentsCountOnceAndAreListed(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let created = try await harness.call(.POST, harness.baseURL + "/api/user", key: admin, body: #"{"name":"alice","rpm":100}"#)
            let id = try #require(created.json?["data"]?["id"]?.stringValue)
            #expect(created.json?["data"]?["balance"] == "0.00")
            for _ in 0..<2 {
                let topped = try await harness.call(
                    .POST, harness.baseURL + "/api/user/\(id)/topup", key: admin, body: #"{"amount":"10.00","idempotency_key":"invoice-7"}"#)
                #expect(topped.json?["data"]?["balance"] == "10.00")
            }
            let adjusted = try await harness.call(
                .POST, harness.baseURL + "/api/user/\(id)/adjust", key: admin, body: #"{"amount":"-2.50","note":"refund of a double payment"}"#)
            #expect(adjusted.json?["data"]?["balance"] == "7.50")
            let tooMuch = try await harness.call(
                .POST, harness.baseURL + "/api/user/\(id)/adjust", key: admin, body: #"{"amount":"-100","note":"x"}"#)
            #expect(tooMuch.status == 422)
            let negative = try await harness.call(.POST, harness.baseURL + "/api/user/\(id)/topup", key: admin, body: #"{"amount":"-1"}"#)
            #expect(negative.status == 422)
            // The same key with another amount is a mistake, not a retry.
            let reused = try await harness.call(
                .POST, harness.baseURL + "/api/user/\(id)/topup", key: admin, body: #"{"amount":"20.00","idempotency_key":"invoice-7"}"#)
            #expect(reused.status == 409)
            // Administrators are unlimited: a credit to them would mean nothing.
            let adminID = try #require(try await harness.token(forKey: admin).userID)
            #expect(try await harness.call(.POST, harness.baseURL + "/api/user/\(adminID)/topup", key: admin, body: #"{"amount":"1"}"#).status == 409)
            let listed = try await harness.call(.GET, harness.baseURL + "/api/topup?user_id=\(id)", key: admin)
            #expect(listed.json?["data"]?["items"]?.arrayValue?.compactMap { $0["amount"]?.stringValue } == ["-2.50", "10.00"])
            #expect(try await harness.user(id).quotaMicros == 7_500_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test(arguments: PostgresTestServer.engines) func theSpendSummarySumsCallsAndTasksByModelUserChannelAndDay(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let admin = try await harness.adminKey()
            let customer = try await harness.customerUser(balance: "5.00")
            let key = customer.keys[0]
            let id = try #require(
                try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"a fox","model":"ray-2"}"#).json?["id"]?.stringValue)
            _ = try await harness.waitForEnd(id, key: key)
            let chat = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: Self.chat)
            let requestID = try #require(chat.headers.first(name: "x-request-id"))
            try await waitUntil { try await harness.ledger(requestID).count == 1 }
            let chatCost = try #require(try await harness.ledger(requestID).first?.amountMicros)

            let byModel = try await harness.call(.GET, harness.baseURL + "/api/summary?by=model", key: admin)
            let items = try #require(byModel.json?["data"]?["items"]?.arrayValue)
            #expect(items.map { $0["key"]?.stringValue } == ["gpt-4o", "ray-2"])
            #expect(items.map { $0["spend"]?.stringValue } == [Money.format(chatCost), "0.71"])
            #expect(byModel.json?["data"]?["total"]?.stringValue == Money.format(710_000 + chatCost))
            let byUser = try await harness.call(.GET, harness.baseURL + "/api/summary?by=user", key: admin)
            #expect(byUser.json?["data"]?["items"]?[0]?["key"]?.stringValue == customer.user.id)
            #expect(byUser.json?["data"]?["items"]?[0]?["calls"] == 2)
            let byChannel = try await harness.call(.GET, harness.baseURL + "/api/summary?by=channel", key: admin)
            #expect(byChannel.json?["data"]?["items"]?.arrayValue?.count == 2)
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let byDay = try await harness.call(.GET, harness.baseURL + "/api/summary?by=day&start_date=\(today)&end_date=\(today)", key: admin)
            #expect(byDay.json?["data"]?["items"]?[0]?["key"]?.stringValue == today)
            #expect(try await harness.call(.GET, harness.baseURL + "/api/summary?by=token", key: admin).status == 422)
            // Everyone's activity, filtered by user: this user's chat call and video, no one else's.
            let someoneElse = try await harness.customerKey()
            _ = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: someoneElse, body: Self.chat)
            _ = try await harness.usageRows(tokenID: try await harness.token(forKey: someoneElse).id, count: 1)
            #expect(try await harness.call(.GET, harness.baseURL + "/api/log", key: admin).json?["data"]?["items"]?.arrayValue?.count == 2)
            let logs = try await harness.call(.GET, harness.baseURL + "/api/log?user_id=\(customer.user.id)", key: admin)
            #expect(logs.json?["data"]?["items"]?.arrayValue?.map { $0["request_id"]?.stringValue } == [requestID])
            let tasks = try await harness.call(.GET, harness.baseURL + "/api/task?user_id=\(customer.user.id)", key: admin)
            #expect(tasks.json?["data"]?["items"]?.arrayValue?.map { $0["id"]?.stringValue } == [id])
            try await harness.expectLedgerBalanced()
        }
    }

    /// A task's hold and a running stream's reservation cannot spend the same money.
    @Test(arguments: PostgresTestServer.engines) func aTaskCannotHoldWhatARunningStreamReserved(engine: StoreDialect) async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, streamChunkDelayMillis: 150)], engine: engine) { harness in
            let customer = try await harness.customerUser(balance: "1.00")
            let key = customer.keys[0]
            // gpt-4o at $10 per million output tokens: max_tokens 50000 reserves $0.50 while the stream runs.
            let stream = Task {
                try await harness.stream(
                    "/v1/chat/completions", headers: [("Authorization", "Bearer \(key)")],
                    body: #"{"model":"gpt-4o","max_tokens":50000,"stream":true,"messages":[{"role":"user","content":"Tell me a long story"}]}"#)
            }
            // Once the upstream has the call, the gateway has reserved for it; the stream then runs for seconds.
            try await waitUntil { harness.emulators[0].requestCount("POST /v1/chat/completions") == 1 }
            let refused = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"a fox","model":"ray-2"}"#)
            #expect(refused.status == 402)
            #expect(try await harness.user(customer.user.id).heldMicros == 0)
            let finished = try await stream.value
            #expect(finished.status == 200 && finished.text.contains("[DONE]"))
            // With the stream charged what it used, the $0.71 video fits.
            #expect(try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"a fox","model":"ray-2"}"#).status == 201)
            try await harness.expectLedgerBalanced()
        }
    }

}
