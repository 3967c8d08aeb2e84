import Foundation
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// A chat channel's refused key makes way for its other key on the same call: the customer never sees the refusal,
/// the channel stays in rotation, and the refused key is not used again.
@Suite struct ChatChannelKeyRotationTests {
    @Test func aRefusedKeyIsRetriedWithTheChannelsOtherKeyOnTheSameCall() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(acceptedKeys: ["good-key"])]) { harness in
            let channels = ChannelStore(database: harness.database)
            let openAI = try #require(try await channels.list().first { $0.name == "openai-0" })
            _ = try await channels.update(
                id: openAI.id,
                to: .init(
                    name: openAI.name, family: openAI.family, baseURL: openAI.baseURL, credential: .init(key: "revoked-key,good-key"),
                    models: openAI.models, priority: openAI.priority, modelMapping: openAI.modelMapping))
            let key = try await harness.customerKey(quota: nil)
            let calls = 8
            for index in 0..<calls {
                let stream = index % 2 == 1
                let body = #"{"model":"gpt-4o-mini","stream":\#(stream),"messages":[{"role":"user","content":"x"}]}"#
                let answer = try await harness.call(.POST, harness.baseURL + "/v1/chat/completions", key: key, body: body)
                #expect(answer.status == 200, "\(answer.body)")
            }
            // Keys are taken in turn, so one of these calls met the revoked key; after it the key is skipped.
            #expect(harness.emulators[0].requestCount("POST /v1/chat/completions") == calls + 1)
            let metrics = try await harness.call(.GET, harness.baseURL + "/metrics", key: nil).body
            let refusals = metrics.split(separator: "\n").first {
                $0.hasPrefix("switchyard_upstream_requests_total{") && $0.contains(#"family="openai""#) && $0.contains(#"outcome="401""#)
            }
            #expect(refusals?.split(separator: " ").last == "1", "\(refusals ?? "no 401 counted")")
            #expect(try await channels.find(id: openAI.id)?.status == "enabled")
        }
    }
}
