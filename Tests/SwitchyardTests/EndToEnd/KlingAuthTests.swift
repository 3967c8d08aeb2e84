import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Synchronization
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Kling's upstream credential: a JWT signed from the channel's key pair, reused, refreshed before it expires,
/// refused by the upstream when signed with the wrong secret.
@Suite struct KlingAuthTests {
    /// A clock a test moves by hand.
    final class ManualClock: Sendable {
        let millis: Mutex<Int64>
        init(_ start: Int64) { millis = Mutex(start) }
        func advance(seconds: Int64) { millis.withLock { $0 += seconds * 1000 } }
        var clock: Clock { Clock { [self] in millis.withLock { $0 } } }
    }

    /// The claims of a JWT.
    func claims(_ token: String) throws -> JSONValue {
        let parts = token.split(separator: ".")
        #expect(parts.count == 3)
        var text = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        let data = try #require(Data(base64Encoded: text))
        return try #require(JSONValue.parse(data))
    }

    /// The token `authorizer` puts on a call for `credential`.
    func bearer(_ authorizer: KlingAuthorizer, _ credential: UpstreamCredential) throws -> String {
        var headers = HTTPHeaders()
        try authorizer.authorize(&headers, with: credential)
        let value = try #require(headers.first(name: "Authorization"))
        #expect(value.hasPrefix("Bearer "))
        return String(value.dropFirst("Bearer ".count))
    }

    /// Kling's answer to a list call made with `token` directly on `emulator`.
    func listStatus(_ emulator: EmulatorServer, token: String) async throws -> (status: Int, code: Int?) {
        var request = HTTPClientRequest(url: emulator.klingBaseURL + "/v1/videos/text2video?pageNum=1&pageSize=1")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), JSONValue.parse(body.readableBytesView)?["code"]?.intValue)
    }

    @Test func theTokenIsReusedThenRefreshedBeforeItExpiresWithoutAFailedCall() async throws {
        let emulator = try await EmulatorServer.start(EmulatorConfiguration(signingKeys: ["ak-refresh": "sk-refresh"]), logger: TestHarness.logger)
        do {
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let time = ManualClock(now)
            let authorizer = KlingAuthorizer(clock: time.clock, cache: KlingTokenCache())
            let credential = UpstreamCredential(key: "ak-refresh:sk-refresh")
            let first = try bearer(authorizer, credential)
            let claims = try claims(first)
            #expect(claims["iss"] == "ak-refresh")
            #expect(claims["exp"]?.intValue == Int(now / 1000) + 1_800)
            #expect(claims["nbf"]?.intValue == Int(now / 1000) - 5)
            #expect(try await listStatus(emulator, token: first) == (200, 0))

            // Reused while more than five minutes are left.
            time.advance(seconds: 1_499)
            #expect(try bearer(authorizer, credential) == first)
            // Within five minutes of expiry a new token is signed before any call presents the old one.
            time.advance(seconds: 2)
            emulator.clock.advance(bySeconds: 1_501)
            let second = try bearer(authorizer, credential)
            #expect(second != first)
            #expect(try self.claims(second)["exp"]?.intValue == Int(now / 1000) + 1_501 + 1_800)
            #expect(try await listStatus(emulator, token: second) == (200, 0))
            #expect(try bearer(authorizer, credential) == second)
            #expect(authorizer.cache.signingCount(accessKey: "ak-refresh") == 2)

            // Had the first been kept, the upstream would have refused it once it expired.
            emulator.clock.advance(bySeconds: 300)
            #expect(try await listStatus(emulator, token: first) == (401, 1004))
            #expect(try await listStatus(emulator, token: second) == (200, 0))
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    @Test func theEmulatorRefusesAWrongSecretAnUnknownKeyAndAnEarlyToken() async throws {
        let emulator = try await EmulatorServer.start(EmulatorConfiguration(signingKeys: ["ak-check": "sk-check"]), logger: TestHarness.logger)
        do {
            let now = Int64(Date().timeIntervalSince1970)
            let wrong = KlingToken.sign(try KlingKeyPair(UpstreamCredential(key: "ak-check:not-the-secret")), nowSeconds: now)
            #expect(try await listStatus(emulator, token: wrong) == (401, 1002))
            let unknown = KlingToken.sign(try KlingKeyPair(UpstreamCredential(key: "ak-other:sk-check")), nowSeconds: now)
            #expect(try await listStatus(emulator, token: unknown) == (401, 1002))
            let early = KlingToken.sign(try KlingKeyPair(UpstreamCredential(key: "ak-check:sk-check")), nowSeconds: now + 600)
            #expect(try await listStatus(emulator, token: early) == (401, 1003))
            let expired = KlingToken.sign(try KlingKeyPair(UpstreamCredential(key: "ak-check:sk-check")), nowSeconds: now - 1_900)
            #expect(try await listStatus(emulator, token: expired) == (401, 1004))
            #expect(try await listStatus(emulator, token: "not.a.jwt") == (401, 1002))
            // The secret can also be given apart from the access key.
            let split = KlingToken.sign(try KlingKeyPair(UpstreamCredential(key: "ak-check", secret: "sk-check")), nowSeconds: now)
            #expect(try await listStatus(emulator, token: split) == (200, 0))
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    @Test func oneTokenServesEverySubmitAndPollOfAChannel() async throws {
        let pair = "ak-reuse-\(UUID().uuidString.prefix(8))"
        let config = EmulatorConfiguration(stepSeconds: 0.05, signingKeys: [pair: "sk-reuse"])
        try await TestHarness.run(emulators: [config]) { harness in
            let channels = ChannelStore(database: harness.database)
            let kling = try #require(try await channels.list().first { $0.name == "kling-0" })
            _ = try await channels.update(
                id: kling.id,
                to: .init(
                    name: kling.name, family: kling.family, baseURL: kling.baseURL, credential: .init(key: "\(pair):sk-reuse"), models: kling.models,
                    priority: kling.priority))
            let key = try await harness.customerKey()
            for index in 0..<3 {
                let task = try await harness.klingTask("videos/text2video", #"{"prompt":"take \#(index)"}"#, key: key)
                #expect(task["task_status"] == "succeed", "\(task.encoded())")
            }
            #expect(harness.emulators[0].requestCount("GET /kling/v1/videos/text2video/{id}") >= 3)
            // Three submits and their polls, all with the one token signed for this access key.
            #expect(KlingTokenCache.shared.signingCount(accessKey: pair) == 1)
        }
    }

    @Test func aChannelWithAWrongSecretFailsOverAndAloneIsRefusedCleanly() async throws {
        try await TestHarness.run { harness in
            let channels = ChannelStore(database: harness.database)
            let good = try #require(try await channels.list().first { $0.name == "kling-0" })
            try await channels.add(
                .init(
                    name: "kling-wrong-secret", family: "kling", baseURL: good.baseURL, credential: .init(key: "emulator-access-key:wrong-secret"),
                    models: good.models, priority: 1_000))
            let key = try await harness.customerKey()
            // The upstream refuses the wrong secret (401); the call goes on to the channel with the right pair.
            let task = try await harness.klingTask("videos/text2video", #"{"prompt":"through the good channel"}"#, key: key)
            #expect(task["task_status"] == "succeed", "\(task.encoded())")
            let metrics = try await harness.call(.GET, harness.baseURL + "/metrics", key: nil).body
            let refusals = metrics.split(separator: "\n").first {
                $0.hasPrefix("switchyard_upstream_requests_total{") && $0.contains(#"family="kling""#) && $0.contains(#"outcome="401""#)
            }
            #expect(refusals != nil, "the wrong secret was never refused")

            try await channels.setStatus(id: good.id, status: "disabled")
            let refused = try await harness.kling(.POST, "videos/text2video", key: key, body: #"{"prompt":"nowhere to go"}"#)
            #expect([502, 503].contains(refused.status), "\(refused.body)")
            let error = try #require(klingError(refused), "\(refused.body)")
            #expect(error.code == 5001)
            #expect(!refused.body.contains("wrong-secret") && !refused.body.contains("emulator-access-key"))
            let spent = try await harness.token(forKey: key)
            #expect(spent.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aChannelAddedWithItsSecretApartServesCallsAndNeverShowsIt() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let channels = ChannelStore(database: harness.database)
            let harnessChannel = try #require(try await channels.list().first { $0.name == "kling-0" })
            let added = try await harness.call(
                .POST, harness.baseURL + "/api/channel", key: admin,
                body:
                    #"{"name":"kling-apart","family":"kling","base_url":"\#(harnessChannel.baseURL)","key":"emulator-access-key","secret":"emulator-secret-key","models":"kling-v1"}"#
            )
            #expect(added.status == 200, "\(added.body)")
            #expect(!added.body.contains("emulator-secret-key") && !added.body.contains("emulator-access-key"))
            try await channels.setStatus(id: harnessChannel.id, status: "disabled")
            let key = try await harness.customerKey()
            let task = try await harness.klingTask("videos/text2video", #"{"prompt":"through the added channel"}"#, key: key)
            #expect(task["task_status"] == "succeed", "\(task.encoded())")
            let listing = try await harness.call(.GET, harness.baseURL + "/api/channel", key: admin)
            #expect(listing.body.contains("kling-apart") && !listing.body.contains("emulator-secret-key"))
        }
    }

    @Test func channelListingsNeverShowTheKeyPair() async throws {
        try await TestHarness.run { harness in
            let admin = try await harness.adminKey()
            let listing = try await harness.call(.GET, harness.baseURL + "/api/channel", key: admin)
            #expect(listing.status == 200, "\(listing.body)")
            #expect(listing.body.contains("kling-0"))
            #expect(!listing.body.contains("emulator-secret-key") && !listing.body.contains("emulator-access-key"))
        }
    }
}
