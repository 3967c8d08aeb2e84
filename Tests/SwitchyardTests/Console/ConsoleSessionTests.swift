import Foundation
import SQLKit
import Synchronization
import Testing
@testable import Switchyard

/// Signing in and out of the web console, the session cookie, and when a session ends by itself.
@Suite struct ConsoleSessionTests {
    @Test func anOperatorSignsInAndOut() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let key = try await harness.adminKey()

            let signedIn = try await browser.signIn(key)
            #expect(signedIn.status == 303)
            #expect(signedIn.location == "/console/dashboard")
            let cookie = try #require(signedIn.setCookie)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/console"))
            #expect(!cookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back")
            // The cookie holds a session id, never the key; the store holds only the id's hash.
            let sessionID = try #require(browser.cookie)
            #expect(!cookie.contains(key))
            let stored = try await harness.database.read.raw("SELECT id_hash FROM console_sessions").all()
                .map { try $0.decode(column: "id_hash", as: String.self) }
            #expect(stored == [ConsoleSessionStore.hash(sessionID)])

            let dashboard = try await browser.get("/console/dashboard")
            #expect(dashboard.status == 200)
            #expect(dashboard.body.contains("<h1>Dashboard</h1>"))
            #expect(dashboard.headers.first(name: "Cache-Control") == "no-store")

            let signedOut = try await browser.submit(on: "/console/dashboard", to: "/console/sign-out", [:])
            #expect(signedOut.status == 303)
            #expect(signedOut.location == "/console/sign-in")
            #expect(signedOut.setCookie?.contains("Max-Age=0") == true)
            #expect(try await harness.database.read.raw("SELECT id_hash FROM console_sessions").all().isEmpty)
            // The old cookie, replayed, opens nothing.
            let replayed = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await replayed.shutdown() } }
            let again = try await replayed.get("/console/dashboard", headers: [("Cookie", "switchyard_console=\(sessionID)")])
            #expect(again.status == 303)
            #expect(again.location == "/console/sign-in")
        }
    }

    @Test func aCustomerKeyOpensTheCustomerPages() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let customer = try await harness.customerUser(balance: "12.50")
            let signedIn = try await browser.signIn(customer.keys[0])
            #expect(signedIn.location == "/console/me")
            let overview = try await browser.get("/console/me")
            #expect(overview.status == 200)
            #expect(overview.body.contains("$12.500000") || overview.body.contains("$12.50"))
            #expect(overview.body.contains("<svg class=\"chart\""))
        }
    }

    @Test func anUnknownKeyIsRefusedNextToTheKeyField() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let refused = try await browser.signIn("sk-not-a-key-000000000000000000000000000000000000")
            #expect(refused.status == 401)
            #expect(refused.setCookie == nil)
            #expect(refused.body.contains("id=\"sign-in-key-error\""))
            #expect(refused.body.contains("this key is not known"))
            #expect(try await browser.get("/console/dashboard").status == 303)
        }
    }

    @Test func theCookieIsSecureBehindHTTPS() async throws {
        try await TestHarness.run(configure: { $0.publicURL = "https://gateway.example" }) { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let signedIn = try await browser.signIn(try await harness.adminKey())
            #expect(signedIn.setCookie?.hasSuffix("; Secure") == true)
        }
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let signedIn = try await browser.post(
                "/console/sign-in", ["key": try await harness.adminKey()], headers: [("X-Forwarded-Proto", "https")])
            #expect(signedIn.setCookie?.hasSuffix("; Secure") == true)
        }
    }

    @Test func aSessionEndsTwelveHoursAfterSignIn() async throws {
        let offset = Mutex<Int64>(0)
        let clock = Clock { Clock.wall.nowMillis() + offset.withLock { $0 } }
        try await TestHarness.run(clock: clock) { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let signedIn = try await browser.signIn(try await harness.adminKey())
            #expect(signedIn.setCookie?.contains("Max-Age=43200") == true)
            offset.withLock { $0 = 12 * 3_600_000 - 60_000 }
            #expect(try await browser.get("/console/dashboard").status == 200)
            offset.withLock { $0 = 12 * 3_600_000 + 1_000 }
            let expired = try await browser.get("/console/dashboard")
            #expect(expired.status == 303)
            #expect(expired.location == "/console/sign-in")
        }
    }

    @Test func aRevokedKeysSessionEndsAtOnce() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let key = try await harness.adminKey()
            try await browser.signIn(key)
            #expect(try await browser.get("/console/users").status == 200)
            let token = try await harness.token(forKey: key)
            #expect(try await TokenStore(database: harness.database).revoke(id: token.id))
            let after = try await browser.get("/console/users")
            #expect(after.status == 303)
            #expect(after.location == "/console/sign-in?ended=1")
            #expect(try await harness.database.read.raw("SELECT id_hash FROM console_sessions").all().isEmpty)
        }
    }

    @Test func aDemotedOperatorsSessionEnds() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let key = try await harness.adminKey()
            try await browser.signIn(key)
            let userID = try #require(try await harness.token(forKey: key).userID)
            try await harness.database.write { sql in try await sql.raw("UPDATE users SET role = 'customer' WHERE id = \(bind: userID)").run() }
            #expect(try await browser.get("/console/dashboard").location == "/console/sign-in?ended=1")
        }
    }
}
