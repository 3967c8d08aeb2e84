import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard

/// The platform's own endpoints as a customer reads them: balance, usage, token, logs and tasks, only their own.
@Suite struct CustomerSystemTests {
    @Test func billingEndpointsShowTheQuotaAndWhatWasSpent() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "25.00")
            let subscription = try await harness.call(.GET, harness.baseURL + "/v1/dashboard/billing/subscription", key: key)
            #expect(subscription.json?["object"] == "billing_subscription")
            #expect(subscription.json?["hard_limit_usd"] == 25)
            let id = try #require(
                try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"spend"}"#).json?["id"]?.stringValue)
            #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let usage = try await harness.call(.GET, harness.baseURL + "/dashboard/billing/usage?start_date=\(today)&end_date=\(today)", key: key)
            #expect(usage.json?["total_usage"] == 71)  // US cents: one ray-2 generation
            // A year too far to hold in milliseconds is refused like any other bad date, and the gateway stays up.
            for date in ["yesterday", "999999999999-01-01", "-5-01-01"] {
                let bad = try await harness.call(.GET, harness.baseURL + "/v1/dashboard/billing/usage?start_date=\(date)", key: key)
                #expect(bad.status == 400)
                #expect(bad.json?["error"] != nil)
            }
            #expect(try await harness.call(.GET, harness.baseURL + "/health", key: nil).status == 200)
        }
    }

    @Test func tokenLogAndTaskSelfShowOnlyTheCallersOwn() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey(quota: "5.00")
            let other = try await harness.customerKey()
            _ = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"mine"}"#)
            _ = try await harness.call(.POST, "/generations/video", key: other, body: #"{"prompt":"theirs"}"#)
            _ = try await harness.call(
                .POST, harness.baseURL + "/v1/chat/completions", key: key,
                body: #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}"#)
            let token = try await harness.call(.GET, harness.baseURL + "/api/token/self", key: key)
            #expect(token.json?["success"] == true)
            #expect(token.json?["data"]?["unlimited_quota"] == false)
            _ = try await harness.usageRows(tokenID: try await harness.token(forKey: key).id, count: 1)
            let logs = try await harness.call(.GET, harness.baseURL + "/api/log/self?page=1&page_size=10&model=gpt-4o-mini", key: key)
            guard case .array(let items)? = logs.json?["data"]?["items"] else { Issue.record("no log items"); return }
            #expect(items.count == 1)
            #expect(items.first?["model"] == "gpt-4o-mini")
            let tasks = try await harness.call(.GET, harness.baseURL + "/api/task/self?family=luma", key: key)
            guard case .array(let mine)? = tasks.json?["data"]?["items"] else { Issue.record("no task items"); return }
            #expect(mine.count == 1)
            #expect(try await harness.call(.GET, harness.baseURL + "/api/task/self?state=bogus", key: key).json?["success"] == false)
            let refused = try await harness.call(.GET, harness.baseURL + "/api/token/self", key: "sk-nobody")
            #expect(refused.status == 401)
            #expect(refused.json?["success"] == false)
        }
    }
}
