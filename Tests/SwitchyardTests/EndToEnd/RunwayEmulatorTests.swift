import Foundation
import NIOHTTP1
import Switchyard
import SwitchyardEmulator
import Testing

/// The Runway emulator on its own, on a manual clock: the version and key checks, a task's statuses, its served
/// output, and cancel versus delete.
@Suite struct RunwayEmulatorTests {
    static let version = [("X-Runway-Version", "2024-11-06")]
    static let body = #"{"model":"gen4_turbo","promptImage":"https://example.com/a.png","ratio":"1280:720","duration":5}"#

    static func create(_ client: EmulatorClient, _ body: String = body) async throws -> String {
        let answer = try await client.call(.POST, "/runwayml/v1/image_to_video", body: body, headers: version)
        #expect(answer.status == 200, "\(answer.body)")
        return try #require(answer.json?["id"]?.stringValue)
    }

    static func task(_ client: EmulatorClient, _ id: String) async throws -> JSONValue {
        try #require(try await client.call(.GET, "/runwayml/v1/tasks/\(id)", headers: version).json)
    }

    @Test func theVersionHeaderAndTheKeyAreChecked() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: .manual())) { _, client in
            let missing = try await client.call(.POST, "/runwayml/v1/image_to_video", body: Self.body)
            #expect(missing.status == 400)
            #expect(missing.json?["error"]?.stringValue?.contains("X-Runway-Version") == true)
            let wrong = try await client.call(.GET, "/runwayml/v1/organization", headers: [("X-Runway-Version", "1999-01-01")])
            #expect(wrong.status == 400)
            let noKey = try await client.call(.GET, "/runwayml/v1/organization", key: nil, headers: Self.version)
            #expect(noKey.status == 401)
            #expect(noKey.json?["error"]?.stringValue?.isEmpty == false)
            let invalid = try await client.call(
                .POST, "/runwayml/v1/image_to_video", body: #"{"model":"gen4_turbo","promptImage":"https://e.com/a.png","ratio":"1:1"}"#,
                headers: Self.version)
            #expect(invalid.status == 400)
            #expect(invalid.json?["issues"]?.arrayValue?.isEmpty == false)
        }
    }

    @Test func aTaskMovesPendingRunningSucceededWithAPlayableMP4() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: clock)) { _, client in
            let id = try await Self.create(client)
            #expect(try await Self.task(client, id)["status"] == "PENDING")
            clock.advance(bySeconds: 2)
            let running = try await Self.task(client, id)
            #expect(running["status"] == "RUNNING")
            #expect(running["progress"]?.doubleValue == 0.5)
            clock.advance(bySeconds: 2)
            let done = try await Self.task(client, id)
            #expect(done["status"] == "SUCCEEDED")
            let url = try #require(done["output"]?[0]?.stringValue)
            let video = try await client.call(.GET, url, key: nil)
            #expect(video.status == 200)
            #expect(video.headers.first(name: "Content-Type") == "video/mp4")
            #expect(Array(video.bytes[4..<8]) == Array("ftyp".utf8))
            // Another account does not see it.
            #expect(try await client.call(.GET, "/runwayml/v1/tasks/\(id)", key: "other-key", headers: Self.version).status == 404)
        }
    }

    @Test func deleteCancelsALiveTaskAndDeletesAFinishedOne() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: clock)) { _, client in
            let live = try await Self.create(client)
            #expect(try await client.call(.DELETE, "/runwayml/v1/tasks/\(live)", headers: Self.version).status == 204)
            #expect(try await Self.task(client, live)["status"] == "CANCELLED")
            clock.advance(bySeconds: 5)
            #expect(try await Self.task(client, live)["status"] == "CANCELLED")
            let finished = try await Self.create(client)
            clock.advance(bySeconds: 5)
            #expect(try await client.call(.DELETE, "/runwayml/v1/tasks/\(finished)", headers: Self.version).status == 204)
            #expect(try await client.call(.GET, "/runwayml/v1/tasks/\(finished)", headers: Self.version).status == 404)
            #expect(try await client.call(.DELETE, "/runwayml/v1/tasks/\(finished)", headers: Self.version).status == 404)
        }
    }

    @Test func moderationAndThrottlingMarkersShapeTheTimeline() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 1, clock: clock)) { _, client in
            let refused = try await Self.create(
                client, #"{"model":"gen4_turbo","promptImage":"https://e.com/a.png","ratio":"1280:720","promptText":"x [fault:safety]"}"#)
            let throttled = try await Self.create(
                client, #"{"model":"gen4_turbo","promptImage":"https://e.com/a.png","ratio":"1280:720","promptText":"x [fault:throttled]"}"#)
            #expect(try await Self.task(client, throttled)["status"] == "THROTTLED")
            clock.advance(bySeconds: 5)
            let failed = try await Self.task(client, refused)
            #expect(failed["status"] == "FAILED")
            #expect(failed["failureCode"] == "SAFETY.INPUT.TEXT")
            #expect(try await Self.task(client, throttled)["status"] == "SUCCEEDED")
        }
    }
}
