import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Suno channels have a health question of their own: a cheap authenticated read the upstream answers.
@Suite struct SunoChannelProbeTests {
    @Test func theProbeReEnablesASunoChannelThatAnswersAndLeavesARefusingOneAlone() async throws {
        let emulators = [EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["someone-else"]), EmulatorConfiguration(stepSeconds: 0.05)]
        // The gateway's own probe waits an hour, so only the probe below touches the channels.
        try await TestHarness.run(emulators: emulators, configure: { $0.relay.probeIntervalMillis = 3_600_000 }) { harness in
            let channels = ChannelStore(database: harness.database)
            let refusing = try #require(try await channels.list().first { $0.name == "suno-0" })
            let answering = try #require(try await channels.list().first { $0.name == "suno-1" })
            for channel in [refusing, answering] { try await channels.setStatus(id: channel.id, status: "unhealthy", reason: "test") }
            let probe = ChannelProbe(
                channels: channels, executor: UpstreamExecutor(client: harness.client, settings: UpstreamSettings(), metrics: GatewayMetrics()),
                health: ChannelHealth(settings: RelaySettings()), intervalMillis: 1_000, logger: TestHarness.logger)

            #expect(await probe.probeAll() == [answering.id])
            #expect(try await channels.find(id: answering.id)?.status == "enabled")
            #expect(try await channels.find(id: refusing.id)?.status == "unhealthy")
            // Each was asked once, with its own key, and nothing was generated.
            for emulator in harness.emulators {
                #expect(emulator.requestCount("GET /suno/feed/{ids}") == 1)
                #expect(emulator.requestCount("POST /suno/submit/music") == 0)
            }

            // The operator's test asks the same question: a refused key is a failure, not "reachable".
            let refusedTest = await probe.test(refusing)
            #expect(refusedTest.success == false)
            #expect(refusedTest.status == 401)
            let answeredTest = await probe.test(answering)
            #expect(answeredTest.success == true)
            #expect(answeredTest.status == 200)

            // The re-enabled channel serves Suno calls again.
            let key = try await harness.customerKey()
            let song = try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"back again","mv":"chirp-v4"}"#)
            #expect(SunoScenarioTests.clips(song).count == 2)
            #expect(harness.emulators[1].requestCount("POST /suno/submit/music") == 1)
            try await harness.expectLedgerBalanced()
        }
    }
}
