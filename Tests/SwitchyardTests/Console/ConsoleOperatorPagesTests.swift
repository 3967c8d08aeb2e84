import Testing
@testable import Switchyard

/// Operator pages that change money or routing, through their forms: a reconciliation decision, a price, a channel.
@Suite struct ConsoleOperatorPagesTests {
    @Test func aHeldTaskIsRefundedFromTheReconciliationPage() async throws {
        try await TestHarness.run(configure: ReconciliationTests.fastSweeps) { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            try await browser.signIn(try await harness.adminKey())
            let key = try await harness.customerKey()
            let orphan = try await ReconciliationTests().interruptedSubmission(harness, key: key)
            try await waitUntil { try await browser.get("/console/reconciliation").body.contains("Task \(orphan.id)") }
            let dashboard = try await browser.get("/console/dashboard")
            #expect(dashboard.body.contains("<span class=\"stat-label\">Reconciliation queue</span><span class=\"stat-value\">1</span>"))
            let decided = try await browser.submit(
                on: "/console/reconciliation", to: "/console/reconciliation/\(orphan.id)", ["action": "refund"])
            #expect(decided.status == 303)
            #expect(try await harness.ledger(orphan.id).map(\.kind) == ["hold", "refund"])
            #expect(try await harness.token(forKey: key).heldMicros == 0)
            // A second decision is told the task no longer waits, and refunds nothing more.
            let twice = try await browser.submit(on: "/console/tasks/\(orphan.id)", to: "/console/reconciliation/\(orphan.id)", ["action": "refund"])
            #expect(twice.status == 400)
            #expect(try await harness.ledger(orphan.id).map(\.kind) == ["hold", "refund"])
            let detail = try await browser.get("/console/tasks/\(orphan.id)")
            #expect(detail.body.contains("<td data-label=\"Entry\"><div class=\"cell\">refund"))
        }
    }

    @Test func aPriceIsSetAndMadeFreeFromThePricesPage() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            try await browser.signIn(try await harness.adminKey())
            let prices = try await PriceBook(base: PriceTable(rules: []), database: harness.database)
            let set = try await browser.submit(
                on: "/console/prices", to: "/console/prices",
                ["family": "openai", "model": "house-model", "action": "tokens", "input_per_million": "0.20", "output_per_million": "0.80"])
            #expect(set.status == 303)
            let rule = try #require(try await prices.current().rules.first { $0.model == "house-model" })
            #expect(rule.inputPerMillion == "0.20")
            #expect(rule.outputPerMillion == "0.80")
            let free = try await browser.submit(
                on: "/console/prices", to: "/console/prices", ["family": "openai", "model": "house-model", "action": "tokens", "free": "1"])
            #expect(free.status == 303)
            #expect(try await prices.current().rules.first { $0.model == "house-model" }?.free == true)
            let refused = try await browser.submit(
                on: "/console/prices", to: "/console/prices", ["family": "luma", "model": "ray-2", "action": "video", "usd": "lots"])
            #expect(refused.status == 422)
            #expect(refused.body.contains("id=\"price-usd-error\""))
            let listed = try await browser.get("/console/prices?family=openai&model=HOUSE")
            #expect(listed.body.contains("house-model"))
            #expect(listed.body.contains(">free<"))
        }
    }

    @Test func aChannelIsEditedDisabledAndEnabledWithoutItsKeyEverShown() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            try await browser.signIn(try await harness.adminKey())
            let store = ChannelStore(database: harness.database)
            let channel = try #require(try await store.list().first)
            let page = "/console/channels/\(channel.id)"
            // An edit without a key keeps the saved one.
            let renamed = try await browser.submit(
                on: page, to: page, ["name": "renamed", "base_url": channel.baseURL, "models": "ray-2, photon-1", "priority": "7", "weight": "2"])
            #expect(renamed.status == 303)
            var saved = try #require(try await store.find(id: channel.id))
            #expect(saved.name == "renamed")
            #expect(saved.models == ["ray-2", "photon-1"])
            #expect(saved.priority == 7)
            #expect(saved.credential == channel.credential)
            // A new key replaces it, and the page does not show it.
            let rekeyed = try await browser.submit(on: page, to: page, ["name": "renamed", "base_url": channel.baseURL, "key": "sk-new-upstream"])
            #expect(rekeyed.status == 303)
            saved = try #require(try await store.find(id: channel.id))
            #expect(saved.credential.key == "sk-new-upstream")
            #expect(!(try await browser.get(page).body.contains("sk-new-upstream")))
            #expect(try await browser.submit(on: page, to: "\(page)/disable", [:]).status == 303)
            #expect(try await store.find(id: channel.id)?.status == "disabled")
            #expect(try await browser.get("/console/channels").body.contains("disabled by the operator"))
            #expect(try await browser.submit(on: page, to: "\(page)/enable", [:]).status == 303)
            #expect(try await store.find(id: channel.id)?.isEnabled == true)
        }
    }

    @Test func disablingAUserEndsTheirConsoleSession() async throws {
        try await TestHarness.run { harness in
            let operatorBrowser = ConsoleBrowser(baseURL: harness.baseURL)
            let customerBrowser = ConsoleBrowser(baseURL: harness.baseURL)
            defer {
                Task {
                    await operatorBrowser.shutdown()
                    await customerBrowser.shutdown()
                }
            }
            let customer = try await harness.customerUser(balance: "1.00")
            try await operatorBrowser.signIn(try await harness.adminKey())
            try await customerBrowser.signIn(customer.keys[0])
            #expect(try await customerBrowser.get("/console/me").status == 200)
            let page = "/console/users/\(customer.user.id)"
            let disabled = try await operatorBrowser.submit(on: page, to: page, ["status": "disabled", "group": "default"])
            #expect(disabled.status == 303)
            #expect(try await harness.user(customer.user.id).status == "disabled")
            let after = try await customerBrowser.get("/console/me")
            #expect(after.location == "/console/sign-in?ended=1")
            // Nor can the key sign in again while its user is disabled.
            #expect(try await customerBrowser.signIn(customer.keys[0]).status == 401)
        }
    }
}
