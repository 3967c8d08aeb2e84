import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// The MiniMax emulator as MiniMax answers: errors inside HTTP 200 in `base_resp`, a bad key 1004, refusals by
/// prompt marker, and a task readable only by the key that made it.
@Suite struct MiniMaxEmulatorTests {
    @Test func refusalsAndTheKeyCheckAreBaseRespInsideHTTP200() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 0.05, acceptedKeys: ["good-key"])) { emulator, client in
            let create = emulator.miniMaxBaseURL + "/v1/video_generation"
            let badKey = try await client.call(.POST, create, key: "wrong", body: #"{"model":"T2V-01","prompt":"x"}"#)
            #expect(badKey.status == 200 && badKey.json?["base_resp"]?["status_code"] == 1004, "\(badKey.body)")
            for code in [1026, 1008, 1002] {
                let refused = try await client.call(.POST, create, key: "good-key", body: #"{"model":"T2V-01","prompt":"x [status:\#(code)]"}"#)
                #expect(refused.status == 200 && refused.json?["base_resp"]?["status_code"]?.intValue == code, "\(refused.body)")
                #expect(refused.json?["task_id"] == nil)
            }
            let invalid = try await client.call(.POST, create, key: "good-key", body: #"{"model":"T2V-01","prompt":"x","duration":7}"#)
            #expect(invalid.status == 200 && invalid.json?["base_resp"]?["status_code"] == 2013, "\(invalid.body)")
            let made = try await client.call(.POST, create, key: "good-key", body: #"{"model":"T2V-01","prompt":"x"}"#)
            let id = try #require(made.json?["task_id"]?.stringValue, "\(made.body)")
            let query = emulator.miniMaxBaseURL + "/v1/query/video_generation?task_id=\(id)"
            #expect(try await client.call(.GET, query, key: "good-key").json?["task_id"]?.stringValue == id)
        }
    }
}
