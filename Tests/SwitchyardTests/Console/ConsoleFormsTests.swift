import Foundation
import Testing
@testable import Switchyard

/// The operator's and customer's forms through a live gateway: top-ups count once per submission, a new key is
/// shown once, secrets never appear on a page, errors appear next to their field, results play inline.
@Suite struct ConsoleFormsTests {
    @Test func aTopUpSubmittedTwiceCountsOnce() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            try await browser.signIn(try await harness.adminKey())
            let customer = try await harness.customerUser(balance: "0")
            let page = "/console/users/\(customer.user.id)"
            let form = try await browser.get(page)
            let action = "\(page)/topup"
            let csrf = try #require(form.hidden("csrf", inForm: action))
            let key = try #require(form.hidden("idempotency_key", inForm: action))
            // A double click sends the same form twice.
            for _ in 0..<2 {
                let sent = try await browser.post(action, ["amount": "25.00", "idempotency_key": key, "csrf": csrf])
                #expect(sent.status == 303)
                #expect(sent.location == "\(page)?done=topup")
            }
            #expect(try await harness.user(customer.user.id).balanceMicros == 25_000_000)
            // The page shown again has a new key: a second top-up is a new one.
            let again = try await browser.submit(on: page, to: action, ["amount": "5.00"])
            #expect(again.status == 303)
            #expect(try await harness.user(customer.user.id).balanceMicros == 30_000_000)
            // The same key with another amount is refused, next to nothing changing.
            let conflicting = try await browser.post(action, ["amount": "99.00", "idempotency_key": key, "csrf": csrf])
            #expect(conflicting.status == 409)
            #expect(try await harness.user(customer.user.id).balanceMicros == 30_000_000)
            let shown = try await browser.get(page + "?done=topup")
            #expect(shown.body.contains("Top-up recorded"))
            #expect(shown.body.contains("$30.00"))
        }
    }

    @Test func aBadAmountIsShownNextToItsField() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            try await browser.signIn(try await harness.adminKey())
            let customer = try await harness.customerUser(balance: "0")
            let page = "/console/users/\(customer.user.id)"
            let refused = try await browser.submit(on: page, to: "\(page)/topup", ["amount": "ten dollars"])
            #expect(refused.status == 422)
            #expect(refused.body.contains("<small class=\"error\" id=\"topup-amount-error\">must be an amount in dollars"))
            #expect(refused.body.contains("aria-invalid=\"true\""))
            #expect(refused.body.contains("value=\"ten dollars\""))
            #expect(try await harness.user(customer.user.id).balanceMicros == 0)
        }
    }

    @Test func secretsNeverAppearOnAnyPage() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let adminKey = try await harness.adminKey()
            try await browser.signIn(adminKey)
            let upstreamKey = "upstream-key-\(UUID().uuidString)"
            let upstreamSecret = "upstream-secret-\(UUID().uuidString)"
            let added = try await browser.submit(
                on: "/console/channels", to: "/console/channels",
                [
                    "name": "kling-main", "family": "kling", "base_url": "http://127.0.0.1:9/kling", "key": upstreamKey, "secret": upstreamSecret,
                    "models": "kling-v1",
                ])
            #expect(added.status == 303)
            let channelPage = try #require(added.location?.split(separator: "?").first.map(String.init))
            // A user, and a key of theirs made through the form: shown this once.
            let created = try await browser.submit(on: "/console/users", to: "/console/users", ["name": "carol"])
            let userPage = try #require(created.location?.split(separator: "?").first.map(String.init))
            let keyPage = try await browser.submit(on: userPage, to: "\(userPage)/keys", ["name": "carol's key"])
            #expect(keyPage.status == 200)
            let newKey = try #require(Self.key(in: keyPage.body))
            #expect(keyPage.body.contains("data-copy=\"new-key\""))
            #expect(try await TokenStore(database: harness.database).authenticate(key: newKey) != nil)
            let sessionID = try #require(browser.cookie)
            let secrets = [upstreamKey, upstreamSecret, adminKey, newKey, sessionID]
            let token = try await harness.token(forKey: newKey)
            var pages = [
                "/console/dashboard", "/console/channels", channelPage, "/console/users", userPage, "/console/keys", "/console/keys/\(token.id)",
                "/console/prices", "/console/logs", "/console/tasks", "/console/reconciliation", "/console/me", "/console/me/keys",
            ]
            // After a test of the channel, and after a refused edit, the key is still not shown.
            let tested = try await browser.submit(on: channelPage, to: "\(channelPage)/test", [:])
            let refusedEdit = try await browser.submit(on: channelPage, to: channelPage, ["name": "", "base_url": "http://127.0.0.1:9/kling"])
            #expect(refusedEdit.status == 422)
            var bodies = [tested.body, refusedEdit.body]
            for path in pages { bodies.append(try await browser.get(path).body) }
            let customer = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await customer.shutdown() } }
            try await customer.signIn(newKey)
            pages = ["/console/me", "/console/me/keys", "/console/me/usage", "/console/me/tasks"]
            for path in pages { bodies.append(try await customer.get(path).body) }
            for body in bodies {
                for secret in secrets { #expect(!body.contains(secret)) }
            }
        }
    }

    @Test func aCustomerMakesAndRevokesTheirOwnKeysOnly() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let customer = try await harness.customerUser(balance: "3.00")
            let stranger = try await harness.customerUser(balance: "3.00")
            try await browser.signIn(customer.keys[0])
            let made = try await browser.submit(on: "/console/me/keys", to: "/console/me/keys", ["name": "ci", "rpm": "30", "models": "ray-2"])
            #expect(made.status == 200)
            let key = try #require(Self.key(in: made.body))
            let token = try await harness.token(forKey: key)
            #expect(token.userID == customer.user.id)
            #expect(token.requestsPerMinute == 30)
            #expect(token.allowedModels == ["ray-2"])
            let strangersToken = try await harness.token(forKey: stranger.keys[0])
            let refused = try await browser.submit(on: "/console/me/keys", to: "/console/me/keys/\(strangersToken.id)/revoke", [:])
            #expect(refused.status == 404)
            #expect(try await TokenStore(database: harness.database).find(id: strangersToken.id)?.status == "active")
            let revoked = try await browser.submit(on: "/console/me/keys", to: "/console/me/keys/\(token.id)/revoke", [:])
            #expect(revoked.status == 303)
            #expect(try await TokenStore(database: harness.database).authenticate(key: key) == nil)
        }
    }

    @Test func aCustomerSeesAFinishedGenerationPlayInline() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations", key: key, body: LumaGenerationTests.seed)
            let id = try #require(created.json?["id"]?.stringValue)
            let done = try await harness.waitForEnd(id, key: key)
            let video = try #require(done["assets"]?["video"]?.stringValue)
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            try await browser.signIn(key)
            let tasks = try await browser.get("/console/me/tasks")
            #expect(tasks.status == 200)
            #expect(tasks.body.contains("<video controls preload=\"metadata\" playsinline src=\"\(video)\">"))
            // The keyframe it was made from is the request, not a result.
            #expect(!tasks.body.contains("video_0_thumb.jpg"))
        }
    }

    /// The new key the page shows once, from its copy field.
    static func key(in body: String) -> String? {
        guard let field = body.range(of: "id=\"new-key\" readonly value=\"") else { return nil }
        return String(body[field.upperBound...].prefix { $0 != "\"" })
    }
}
