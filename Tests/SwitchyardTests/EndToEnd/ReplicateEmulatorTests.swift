import Foundation
import NIOHTTP1
import Switchyard
import SwitchyardEmulator
import Testing

/// The Replicate emulator on its own: statuses on a manual clock, outputs a player opens, cancel, failures, keys
/// as `Bearer` or `Token`, and errors in Replicate's problem JSON.
@Suite struct ReplicateEmulatorTests {
    static let flux = "/v1/models/black-forest-labs/flux-schnell/predictions"

    @Test func aPredictionStartsProcessesAndSucceedsAsTheClockAdvances() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: clock)) { _, client in
            let created = try await client.call(.POST, Self.flux, body: #"{"input":{"prompt":"x","num_outputs":2}}"#)
            #expect(created.status == 201, "\(created.body)")
            #expect(created.json?["status"] == "starting")
            let id = try #require(created.json?["id"]?.stringValue)
            clock.advance(bySeconds: 1.5)
            #expect(try await client.call(.GET, "/v1/predictions/\(id)").json?["status"] == "processing")
            clock.advance(bySeconds: 2)
            let done = try #require(try await client.call(.GET, "/v1/predictions/\(id)").json)
            #expect(done["status"] == "succeeded")
            #expect(done["metrics"]?["predict_time"]?.doubleValue == 2)
            let outputs = (done["output"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(outputs.count == 2)
            let image = try await client.call(.GET, try #require(outputs.first), key: nil)
            #expect(image.status == 200 && image.headers.first(name: "content-type") == "image/png")
            // Another key does not see it.
            #expect(try await client.call(.GET, "/v1/predictions/\(id)", key: "someone-else").status == 404)
        }
    }

    @Test func cancelStopsALivePredictionAndAFaultFailsOne() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: clock)) { _, client in
            let live = try #require(try await client.call(.POST, Self.flux, body: #"{"input":{"prompt":"x"}}"#).json?["id"]?.stringValue)
            #expect(try await client.call(.POST, "/v1/predictions/\(live)/cancel").json?["status"] == "canceled")
            let doomed = try #require(
                try await client.call(.POST, Self.flux, body: #"{"input":{"prompt":"x [fault:fail]"}}"#).json?["id"]?.stringValue)
            clock.advance(bySeconds: 5)
            #expect(try await client.call(.GET, "/v1/predictions/\(live)").json?["status"] == "canceled")
            let failed = try #require(try await client.call(.GET, "/v1/predictions/\(doomed)").json)
            #expect(failed["status"] == "failed" && failed["error"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func keysComeAsBearerOrTokenAndErrorsAreProblemJSON() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, acceptedKeys: ["r8_good"])) { _, client in
            let token = try await client.call(
                .POST, "/v1/predictions", key: nil,
                body: #"{"version":"c846a69991daf4c0e5d016514849d14ee5b2e6846ce6b9d6f21369e564cfe51e","input":{}}"#,
                headers: [("Authorization", "Token r8_good")])
            #expect(token.status == 201, "\(token.body)")
            let wrong = try await client.call(.GET, "/v1/predictions", key: "r8_bad")
            #expect(wrong.status == 401 && wrong.json?["title"] == "Unauthenticated" && wrong.json?["status"] == 401)
            let unknown = try await client.call(.POST, "/v1/predictions", key: "r8_good", body: #"{"version":"nope","input":{}}"#)
            #expect(unknown.status == 422 && unknown.json?["detail"]?.stringValue?.isEmpty == false)
            let notOfficial = try await client.call(.POST, "/v1/models/stability-ai/sdxl/predictions", key: "r8_good", body: #"{"input":{}}"#)
            #expect(notOfficial.status == 404)
        }
    }
}
