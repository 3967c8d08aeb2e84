import Switchyard
import SwitchyardEmulator
import Testing

/// The emulator's timeline driven by the client's own polls.
@Suite struct EmulatorPollClockTests {
    @Test func eachPollMovesAClockAdvancedByPollsAndNothingElseDoes() async throws {
        let clock = EmulatorClock.advancedByPolls(secondsPerPoll: 0.5)
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: clock)) { emulator, client in
            let id = try await UdioEmulatorTests.submit(client, UdioEmulatorTests.generate(#"{"prompt":"polka"}"#))
            // A query is not a poll of the task: it leaves the clock where it is.
            _ = try await client.call(.GET, "/udio/query?ids=x")
            var statuses: [String] = []
            for _ in 0..<6 {
                statuses.append(try await UdioEmulatorTests.fetch(client, id)["status"]?.stringValue ?? "")
            }
            #expect(statuses == ["QUEUED", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "SUCCESS"])
            let luma = try await client.call(.POST, emulator.lumaBaseURL + "/generations/video", body: #"{"prompt":"fox"}"#)
            let lumaID = try #require(luma.json?["id"]?.stringValue)
            var states: [String] = []
            for _ in 0..<6 {
                states.append(try await client.call(.GET, emulator.lumaBaseURL + "/generations/\(lumaID)").json?["state"]?.stringValue ?? "")
            }
            #expect(states == ["queued", "dreaming", "dreaming", "dreaming", "dreaming", "completed"])
        }
    }
}
