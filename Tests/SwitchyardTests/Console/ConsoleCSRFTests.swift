import Testing
@testable import Switchyard

/// Every state-changing form of the console refuses a post that lacks the session's CSRF token, carries another,
/// or comes from another site; nothing changes when it is refused.
@Suite struct ConsoleCSRFTests {
    @Test func aPostWithoutTheSessionsTokenChangesNothing() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            try await browser.signIn(try await harness.adminKey())
            let users = UserStore(database: harness.database)
            let before = try await users.list().total
            let page = try await browser.get("/console/users")
            let token = try #require(page.hidden("csrf", inForm: "/console/users"))
            let attempts: [(String, [String: String], [(String, String)])] = [
                ("no token", ["name": "mallory"], [("Origin", harness.baseURL)]),
                ("another token", ["name": "mallory", "csrf": String(repeating: "0", count: 64)], [("Origin", harness.baseURL)]),
                ("the token from another site", ["name": "mallory", "csrf": token], [("Origin", "http://evil.example")]),
                ("cross-site fetch", ["name": "mallory", "csrf": token], [("Sec-Fetch-Site", "cross-site")]),
                ("same-site fetch (another port)", ["name": "mallory", "csrf": token], [("Sec-Fetch-Site", "same-site")]),
                ("opaque origin", ["name": "mallory", "csrf": token], [("Origin", "null")]),
            ]
            for (what, fields, headers) in attempts {
                let refused = try await browser.post("/console/users", fields, headers: headers)
                #expect(refused.status == 403, "\(what)")
                #expect(refused.body.contains("Not allowed"), "\(what)")
            }
            #expect(try await users.list().total == before)
            // The same form, from the console itself, goes through.
            let accepted = try await browser.post("/console/users", ["name": "alice", "csrf": token])
            #expect(accepted.status == 303)
            #expect(try await users.list().total == before + 1)
        }
    }

    @Test func signInFromAnotherSiteIsRefused() async throws {
        try await TestHarness.run { harness in
            let browser = ConsoleBrowser(baseURL: harness.baseURL)
            defer { Task { await browser.shutdown() } }
            let refused = try await browser.post(
                "/console/sign-in", ["key": try await harness.adminKey()], headers: [("Origin", "http://evil.example")])
            #expect(refused.status == 403)
            #expect(refused.setCookie == nil)
        }
    }

    @Test func constantTimeComparisonComparesWholeTokens() {
        #expect(ConsoleCSRF.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)))
        #expect(!ConsoleCSRF.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
        #expect(!ConsoleCSRF.constantTimeEqual(Array("abc".utf8), Array("ab".utf8)))
    }
}
