import Foundation
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The executor's key rotation and per-key health apply to task channels as they do to chat channels: a refused key
/// is skipped and a rate-limited one cools down, and neither takes the channel out or counts as its failure.
@Suite struct TaskChannelKeyHealthTests {
    static let lumaModels = ["ray-2", "ray-flash-2", "ray-1-6", "photon-1", "photon-flash-1"]

    @Test func aTaskChannelWithOneRefusedKeyOfTwoStillSubmitsAndSkipsThatKey() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["good-key"])]) { harness in
            let channels = ChannelStore(database: harness.database)
            let luma = try #require(try await channels.list().first { $0.name == "luma-0" })
            _ = try await channels.update(
                id: luma.id,
                to: .init(
                    name: luma.name, family: luma.family, baseURL: luma.baseURL, credential: .init(key: "revoked-key,good-key"),
                    models: luma.models, priority: luma.priority))
            let key = try await harness.customerKey(quota: nil)
            // Keys are taken in turn, call by call (submits and polls alike), so among these calls one meets the
            // revoked key: the upstream refuses it and the same call is sent again with the other key.
            var ids: [String] = []
            for _ in 0..<8 {
                let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"two keys"}"#)
                #expect(created.status == 201, "\(created.body)")
                ids.append(try #require(created.json?["id"]?.stringValue))
            }
            for id in ids { #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed") }
            // After the one refusal the revoked key is skipped: at most one submit was sent twice, and the upstream
            // said 401 exactly once over all the submits and polls.
            #expect(harness.emulators[0].requestCount("POST /generations/video") <= ids.count + 1)
            let metrics = try await harness.call(.GET, harness.baseURL + "/metrics", key: nil).body
            let refusals = metrics.split(separator: "\n").first {
                $0.hasPrefix("switchyard_upstream_requests_total{") && $0.contains(#"family="luma""#) && $0.contains(#"outcome="401""#)
            }
            #expect(refusals?.split(separator: " ").last == "1", "\(refusals ?? "no 401 counted")")
            #expect(try await channels.find(id: luma.id)?.status == "enabled")
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aTaskSubmitAnswered429CoolsThatKeyAndFailsOverWithoutCountingAFailure() async throws {
        let limited = await RateLimitedUpstream.start()
        do {
            try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05)]) { harness in
                let channels = ChannelStore(database: harness.database)
                // Highest priority: tried first while its key is not cooling down.
                let busy = try await channels.add(
                    .init(
                        name: "luma-busy", family: "luma", baseURL: limited.baseURL, credential: .init(key: "busy-key"), models: Self.lumaModels,
                        priority: 500))
                let key = try await harness.customerKey(quota: nil)
                let first = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"rate limited"}"#)
                #expect(first.status == 201, "\(first.body)")
                #expect(limited.requestCount == 1)
                #expect(harness.emulators[0].requestCount("POST /generations/video") == 1)
                // The key cools down for its Retry-After: the next submit goes to the free channel first.
                let second = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"rate limited"}"#)
                #expect(second.status == 201, "\(second.body)")
                #expect(limited.requestCount == 1)
                #expect(harness.emulators[0].requestCount("POST /generations/video") == 2)
                for created in [first, second] {
                    let id = try #require(created.json?["id"]?.stringValue)
                    #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
                    #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
                }
                // A 429 is not a failure: the channel stays in rotation and its error count is untouched.
                #expect(try await channels.find(id: busy.id)?.status == "enabled")
                let admin = try await harness.adminKey()
                let listed = try await harness.call(.GET, harness.baseURL + "/api/channel?page_size=100", key: admin)
                guard case .array(let items)? = listed.json?["data"]?["items"], let item = items.first(where: { $0["name"] == "luma-busy" }) else {
                    Issue.record("luma-busy is not listed: \(listed.body)")
                    return
                }
                #expect(item["status"] == "enabled")
                #expect(item["recent"]?["failures"] == 0)
                try await harness.expectLedgerBalanced()
            }
        } catch {
            await limited.stop()
            throw error
        }
        await limited.stop()
    }
}
