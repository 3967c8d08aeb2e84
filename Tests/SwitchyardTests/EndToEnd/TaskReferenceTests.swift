import Foundation
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The engine resolves a call's references to earlier artifacts the same way for every family: the caller's own
/// only, sent to the channel that made them, and refused when they were made on different channels.
@Suite struct TaskReferenceTests {
    static let twoUpstreams = [EmulatorConfiguration(stepSeconds: 0.05), EmulatorConfiguration(stepSeconds: 0.05)]

    /// Makes something on the second channel of `family` by disabling the preferred first one meanwhile.
    static func onSecondChannel<T>(_ harness: TestHarness, family: String, _ make: () async throws -> T) async throws -> T {
        let channels = ChannelStore(database: harness.database)
        let preferred = try #require(try await channels.list().first { $0.name == "\(family)-0" })
        try await channels.setStatus(id: preferred.id, status: "disabled", reason: "test")
        let made = try await make()
        try await channels.setStatus(id: preferred.id, status: "enabled")
        return made
    }

    @Test func lumaKeyframesGoToTheChannelThatMadeThemAndMixedChannelsAreRefused() async throws {
        try await TestHarness.run(emulators: Self.twoUpstreams) { harness in
            let key = try await harness.customerKey()
            func generation(_ prompt: String) async throws -> String {
                let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"\#(prompt)"}"#)
                let id = try #require(created.json?["id"]?.stringValue, "\(created.body)")
                #expect(try await harness.waitForEnd(id, key: key)["state"] == "completed")
                return id
            }
            let first = try await generation("on the first channel")
            let second = try await Self.onSecondChannel(harness, family: "luma") { try await generation("on the second channel") }
            let spent = try await harness.token(forKey: key).usedMicros

            let mixed = try await harness.call(
                .POST, "/generations/video", key: key,
                body:
                    #"{"prompt":"x","keyframes":{"frame0":{"type":"generation","id":"\#(first)"},"frame1":{"type":"generation","id":"\#(second)"}}}"#)
            #expect(mixed.status == 400)
            #expect(mixed.body.contains("different upstream accounts"))
            #expect(try await harness.token(forKey: key).usedMicros == spent)

            // Both frames from the second channel: the call goes there although the first channel is preferred.
            let before = harness.emulators[1].requestCount("POST /generations/video")
            let pinned = try await harness.call(
                .POST, "/generations/video", key: key,
                body:
                    #"{"prompt":"x","keyframes":{"frame0":{"type":"generation","id":"\#(second)"},"frame1":{"type":"generation","id":"\#(second)"}}}"#
            )
            #expect(pinned.status == 201, "\(pinned.body)")
            #expect(harness.emulators[1].requestCount("POST /generations/video") == before + 1)
            // The customer keeps seeing Switchyard's id in the request it made.
            #expect(pinned.json?["request"]?["keyframes"]?["frame0"]?["id"]?.stringValue == second)
        }
    }

    @Test func sunoClipsFromTwoChannelsAreRefusedAndAStrangersClipIsNotFound() async throws {
        try await TestHarness.run(emulators: Self.twoUpstreams) { harness in
            let key = try await harness.customerKey()
            let first = try SunoScenarioTests.firstClipID(try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"one","mv":"chirp-v4"}"#))
            let second = try await Self.onSecondChannel(harness, family: "suno") {
                try SunoScenarioTests.firstClipID(try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"two","mv":"chirp-v4"}"#))
            }
            let spent = try await harness.token(forKey: key).usedMicros
            let mixed = try await harness.call(
                .POST, harness.baseURL + "/suno/persona/create/", key: key,
                body: #"{"root_clip_id":"\#(first)","name":"Ava","clips":["\#(second)"]}"#)
            #expect(mixed.status == 400, "\(mixed.body)")
            #expect(mixed.body.contains("different upstream accounts"))
            #expect(try await harness.token(forKey: key).usedMicros == spent)

            let stranger = try await harness.customerKey()
            let stolen = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/concat", key: stranger, body: #"{"clip_id":"\#(first)"}"#)
            #expect(stolen.status == 404, "\(stolen.body)")
            #expect(stolen.body.contains("Clip \(first)"))
            #expect(try await harness.token(forKey: stranger).usedMicros == 0)
        }
    }
}
