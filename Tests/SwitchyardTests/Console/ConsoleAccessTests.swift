import Testing
@testable import Switchyard

/// The operator pages check the role on the server: a customer's session gets a 403 page on every one of them,
/// for reading and for writing, and nothing changes.
@Suite struct ConsoleAccessTests {
    static let operatorPages = [
        "/console/dashboard", "/console/channels", "/console/channels/1", "/console/users", "/console/keys", "/console/prices",
        "/console/logs", "/console/tasks", "/console/tasks/task_x", "/console/reconciliation",
    ]

    static let operatorForms: [(String, [String: String])] = [
        ("/console/channels", ["name": "x", "family": "luma", "base_url": "http://127.0.0.1:9", "key": "k"]),
        ("/console/channels/1", ["name": "renamed", "base_url": "http://127.0.0.1:9"]), ("/console/channels/1/disable", [:]),
        ("/console/channels/1/enable", [:]), ("/console/channels/1/test", [:]), ("/console/users", ["name": "x"]),
        ("/console/groups", ["name": "vip", "multiplier": "0.5"]), ("/console/keys", ["name": "x", "quota": "5.00"]),
        ("/console/prices", ["family": "luma", "model": "ray-2", "action": "text_to_video", "usd": "0.01"]),
        ("/console/prices/withdraw", ["family": "luma", "model": "ray-2", "action": "text_to_video"]),
        ("/console/reconciliation/task_x", ["action": "refund"]),
    ]

    @Test func aCustomerIsRefusedOnEveryOperatorPage() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let customer = try await harness.customerUser(balance: "5.00")
            let token = try await harness.token(forKey: customer.keys[0])
            try await browser.signIn(customer.keys[0])
            for path in Self.operatorPages + ["/console/users/\(customer.user.id)", "/console/keys/\(token.id)"] {
                let page = try await browser.get(path)
                #expect(page.status == 403, "\(path)")
                #expect(page.body.contains("This page is for operators"), "\(path)")
            }
            let csrf = try #require(try await browser.get("/console/me").hidden("csrf"))
            let channels = try await ChannelStore(database: harness.database).list()
            let users = try await UserStore(database: harness.database).list().total
            let prices = try await PriceBook(base: PriceTable(rules: []), database: harness.database).current().rules.count
            var forms = Self.operatorForms
            forms += [
                ("/console/users/\(customer.user.id)/topup", ["amount": "100.00", "idempotency_key": "x"]),
                ("/console/users/\(customer.user.id)", ["status": "active", "rpm": ""]),
                ("/console/users/\(customer.user.id)/keys", ["name": "x"]), ("/console/keys/\(token.id)/limits", ["name": "x", "rpm": "1"]),
                ("/console/keys/\(token.id)/revoke", [:]), ("/console/keys/\(token.id)/disable", [:]),
            ]
            for (path, fields) in forms {
                let refused = try await browser.post(path, fields.merging(["csrf": csrf]) { $1 })
                #expect(refused.status == 403, "POST \(path)")
            }
            #expect(try await ChannelStore(database: harness.database).list() == channels)
            #expect(try await UserStore(database: harness.database).list().total == users)
            #expect(try await harness.user(customer.user.id).balanceMicros == 5_000_000)
            #expect(try await TokenStore(database: harness.database).find(id: token.id)?.status == "active")
            #expect(try await PriceBook(base: PriceTable(rules: []), database: harness.database).current().rules.count == prices)
            // Their own pages still open.
            for path in ["/console/me", "/console/me/keys", "/console/me/usage", "/console/me/tasks"] {
                #expect(try await browser.get(path).status == 200, "\(path)")
            }
        }
    }

    @Test func noSessionMeansTheSignInPage() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            for path in Self.operatorPages + ["/console/me", "/console"] {
                let page = try await browser.get(path)
                #expect(page.status == 303, "\(path)")
                #expect(page.location == "/console/sign-in", "\(path)")
            }
            let signIn = try await browser.get("/console/sign-in")
            #expect(signIn.status == 200)
            #expect(signIn.body.contains("<label for=\"sign-in-key\">API key"))
        }
    }
}
