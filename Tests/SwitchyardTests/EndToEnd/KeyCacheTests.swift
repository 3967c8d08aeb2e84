import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Testing
@testable import Switchyard

/// Keys are authenticated from memory while the store's `accounts` revision stands still, and a change made through
/// any connection (another process, the CLI) counts from the very next call.
@Suite struct KeyCacheTests {
    /// A request carrying `key` as its Bearer credential.
    private func request(_ key: String) -> Request {
        Request(
            head: HTTPRequest(
                method: .post, scheme: "http", authority: "gateway", path: "/v1/chat/completions", headerFields: [.authorization: "Bearer \(key)"]),
            body: .init(buffer: ByteBuffer()))
    }

    @Test func aKeyIsServedFromMemoryUntilAnotherConnectionChangesIt() async throws {
        try await TestHarness.run { harness in
            let now = Atomic<Int64>(Clock.wall.nowMillis())
            let clock = Clock { now.load(ordering: .relaxed) }
            // The gateway's side: its own store handle and authenticator.
            let gatewayStore = try await Database.open(directory: harness.directory, logger: TestHarness.logger)
            let authenticator = CustomerAuthenticator(tokens: TokenStore(database: gatewayStore, clock: clock))
            // The other side: the harness's handle, as the CLI or another process would write.
            let other = TokenStore(database: harness.database)
            let created = try await other.create(name: "cached", quotaMicros: 5_000_000)

            let first = try await authenticator.authenticate(request(created.key))
            let second = try await authenticator.authenticate(request(created.key))
            #expect(second.readSequence == first.readSequence, "a second spending call read the store again")

            // A charge moves only balances: the key stays in memory (the spend buffer accounts for this process's charges).
            try await harness.database.transaction { sql in
                try await Ledger.hold(in: sql, tokenID: created.token.id, amountMicros: 1_000, reference: "r1", price: "test", now: 1)
            }
            #expect(try await authenticator.authenticate(request(created.key)).readSequence == first.readSequence)

            // A limit edited through the other connection is seen by the next call.
            _ = try await other.updateLimits(id: created.token.id, name: "cached", limits: .init(allowedModels: ["gpt-4o-mini"]))
            let edited = try await authenticator.authenticate(request(created.key))
            #expect(edited.readSequence > first.readSequence)
            #expect(edited.allowedModels == ["gpt-4o-mini"])
            #expect(edited.heldMicros == 1_000)

            // A top-up through the other connection is spendable at once.
            _ = try await other.topUp(id: created.token.id, amountMicros: 2_000_000, idempotencyKey: "t1")
            #expect(try await authenticator.authenticate(request(created.key)).quotaMicros == 7_000_000)

            // Balances older than the spend buffer can complete are read again.
            let beforeAging = try await authenticator.authenticate(request(created.key))
            now.add(SpendBuffer.memoryMillis, ordering: .relaxed)
            #expect(try await authenticator.authenticate(request(created.key)).readSequence > beforeAging.readSequence)

            // Revoked through the other connection: refused from the next call.
            #expect(try await other.revoke(id: created.token.id))
            await #expect(throws: GatewayError.self) { try await authenticator.authenticate(request(created.key)) }
            await gatewayStore.close()
        }
    }

    @Test func aDisabledUserOrAnEditedGroupCountsFromTheNextCall() async throws {
        try await TestHarness.run { harness in
            let users = UserStore(database: harness.database)
            let user = try await users.create(name: "cached-user", role: "customer", group: "default")
            _ = try await users.credit(id: user.id, kind: .topup, amountMicros: 5_000_000, idempotencyKey: "t1", note: nil)
            let created = try await TokenStore(database: harness.database).create(name: "k", quotaMicros: 5_000_000, limits: .init(userID: user.id))
            let body = #"{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}]}"#
            let chat = harness.baseURL + "/v1/chat/completions"
            #expect(try await harness.call(.POST, chat, key: created.key, body: body).status == 200)
            _ = try await users.update(id: user.id, status: "disabled")
            #expect(try await harness.call(.POST, chat, key: created.key, body: body).status == 401)
            _ = try await users.update(id: user.id, status: "active")
            #expect(try await harness.call(.POST, chat, key: created.key, body: body).status == 200)
            // The group's multiplier is read with the key: the next call is priced with the new one.
            _ = try await GroupStore(database: harness.database).set(name: "default", multiplier: "0.5")
            let gatewayStore = try await Database.open(directory: harness.directory, logger: TestHarness.logger)
            let authenticator = CustomerAuthenticator(tokens: TokenStore(database: gatewayStore))
            let request = Request(
                head: HTTPRequest(
                    method: .post, scheme: "http", authority: "gateway", path: "/", headerFields: [.authorization: "Bearer \(created.key)"]),
                body: .init(buffer: ByteBuffer()))
            #expect(try await authenticator.authenticate(request).priceMultiplierPermille == 500)
            _ = try await GroupStore(database: harness.database).set(name: "default", multiplier: "1")
            #expect(try await authenticator.authenticate(request).priceMultiplierPermille == 1000)
            await gatewayStore.close()
            try await harness.waitForNothingOutstanding()
            try await harness.expectLedgerBalanced()
        }
    }
}
