import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// The emulated midjourney-proxy on its own: its key header, its submit codes and its task object's progress.
@Suite struct MidjourneyEmulatorTests {
    @Test func onlyTheConfiguredMjApiSecretIsAccepted() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration(acceptedKeys: ["proxy-secret"])) { _, client in
            let body = #"{"prompt":"a cat"}"#
            let wrong = try await client.call(.POST, "/mj/submit/imagine", key: nil, body: body, headers: [("mj-api-secret", "other")])
            #expect(wrong.status == 401)
            // A Bearer key is not how the proxy takes its secret.
            #expect(try await client.call(.POST, "/mj/submit/imagine", key: "proxy-secret", body: body).status == 401)
            let right = try await client.call(.POST, "/mj/submit/imagine", key: nil, body: body, headers: [("mj-api-secret", "proxy-secret")])
            #expect(right.status == 200 && right.json?["code"] == .int(1), "\(right.body)")
            #expect(right.json?["result"]?.stringValue?.allSatisfy(\.isNumber) == true)
        }
    }

    @Test func aTaskProgressesOverTheTimelineToAGridWithButtons() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: clock)) { _, client in
            let headers = [("mj-api-secret", "k")]
            let id = try #require(
                try await client.call(.POST, "/mj/submit/imagine", key: nil, body: #"{"prompt":"a cat"}"#, headers: headers).json?["result"]?
                    .stringValue)
            func fetch() async throws -> JSONValue {
                try #require(try await client.call(.GET, "/mj/task/\(id)/fetch", key: nil, headers: headers).json)
            }
            #expect(try await fetch()["status"] == "SUBMITTED")
            clock.advance(bySeconds: 1.6)
            let working = try await fetch()
            #expect(working["status"] == "IN_PROGRESS" && working["progress"] == "25%", "\(working.encoded())")
            clock.advance(bySeconds: 2)
            let done = try await fetch()
            #expect(done["status"] == "SUCCESS" && done["progress"] == "100%" && done["buttons"]?.arrayValue?.count == 9)
            #expect(done["finishTime"]?.intValue.map { $0 > 1_600_000_000_000 } == true)
            // An unknown id is an empty 200, as the proxy answers it.
            let unknown = try await client.call(.GET, "/mj/task/123/fetch", key: nil, headers: headers)
            #expect(unknown.status == 200 && unknown.bytes.isEmpty)
        }
    }
}
