import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The eight scenarios of the platform's Suno chapter, each done as the page tells a customer to: submit, poll the
/// task, use the returned clip ids in the next call.
@Suite struct SunoScenarioTests {
    /// Submits a music task and waits for it to succeed; returns the finished task object.
    static func song(_ harness: TestHarness, key: String, _ body: String) async throws -> JSONValue {
        let taskID = try #require(try await harness.suno(.POST, "/suno/submit/music", key: key, body: body).stringValue)
        let task = try await harness.waitForSunoTask(taskID, key: key)
        #expect(task["status"] == "SUCCESS", "\(task.encoded())")
        #expect(task["progress"] == "100%")
        #expect(task["finish_time"]?.isNull == false)
        return task
    }

    static func clips(_ task: JSONValue) -> [JSONValue] {
        if case .array(let clips)? = task["data"] { return clips }
        return []
    }

    static func firstClipID(_ task: JSONValue) throws -> String {
        try #require(clips(task).first?["id"]?.stringValue)
    }

    @Test func scenario1ExtendThenConcatIntoTheCompleteSong() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let original = try await Self.song(
                harness, key: key, #"{"prompt":"[Verse]\nMorning light","mv":"chirp-v4","title":"Dawn","tags":"folk"}"#)
            #expect(Self.clips(original).count == 2)
            #expect(Self.clips(original).allSatisfy { $0["status"] == "complete" && $0["audio_url"]?.stringValue != nil })
            let first = try Self.firstClipID(original)
            let extended = try await Self.song(
                harness, key: key, #"{"task":"extend","continue_clip_id":"\#(first)","continue_at":20,"mv":"chirp-v4","prompt":"[Chorus]\nRise"}"#)
            let extensionClip = try Self.firstClipID(extended)
            let concatID = try #require(
                try await harness.suno(.POST, "/suno/submit/concat", key: key, body: #"{"clip_id":"\#(extensionClip)","is_infill":false}"#)
                    .stringValue)
            let whole = try await harness.waitForSunoTask(concatID, key: key)
            #expect(whole["status"] == "SUCCESS")
            let song = try #require(Self.clips(whole).first)
            #expect(song["metadata"]?["type"] == "concat")
            // The history names the customer's own clips, never the upstream's.
            let history = song["metadata"]?["concat_history"]?.encoded() ?? ""
            #expect(history.contains(first))
            #expect(history.contains(extensionClip))
            for taskID in [original["task_id"], extended["task_id"], whole["task_id"]].compactMap({ $0?.stringValue }) {
                #expect(try await harness.ledger(taskID).map(\.kind) == ["hold", "settle"])
            }
            let audio = try await harness.call(.GET, try #require(song["audio_url"]?.stringValue), key: nil)
            #expect(audio.status == 200)
            #expect(audio.headers.first(name: "content-type") == "audio/mpeg")
        }
    }

    @Test func scenario1SurvivesARestartBetweenTheSteps() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.3)]) { harness in
            let key = try await harness.customerKey()
            let original = try await Self.song(harness, key: key, #"{"prompt":"restart me","mv":"chirp-v4"}"#)
            let first = try Self.firstClipID(original)
            let extendID = try #require(
                try await harness.suno(
                    .POST, "/suno/submit/music", key: key, body: #"{"task":"extend","continue_clip_id":"\#(first)","continue_at":10,"mv":"chirp-v4"}"#
                ).stringValue)
            await harness.stopGateway()
            // While the gateway is down the upstream finishes the extension (3 steps of 0.3 s).
            harness.emulators[0].clock.advance(bySeconds: 1)
            try await harness.restartGateway()
            let extended = try await harness.waitForSunoTask(extendID, key: key)
            #expect(extended["status"] == "SUCCESS")
            let concatID = try #require(
                try await harness.suno(.POST, "/suno/submit/concat", key: key, body: #"{"clip_id":"\#(try Self.firstClipID(extended))"}"#).stringValue
            )
            #expect(try await harness.waitForSunoTask(concatID, key: key)["status"] == "SUCCESS")
            #expect(try await harness.ledger(extendID).map(\.kind) == ["hold", "settle"])
            // 0.10 + 0.10 + 0.02, each charged once.
            #expect(try await harness.token(forKey: key).usedMicros == 220_000)
        }
    }

    @Test func scenario2CoverRemakesASongInAnotherStyle() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try Self.firstClipID(try await Self.song(harness, key: key, #"{"prompt":"ballad","mv":"chirp-v4","tags":"piano ballad"}"#))
            let cover = try await Self.song(harness, key: key, #"{"task":"cover","cover_clip_id":"\#(source)","tags":"synthwave","mv":"chirp-v4"}"#)
            #expect(Self.clips(cover).count == 2)
            #expect(Self.clips(cover).allSatisfy { $0["metadata"]?["tags"] == "synthwave" })
            #expect(Self.clips(cover).first?["metadata"]?["history"]?.encoded().contains(source) == true)
        }
    }

    @Test func scenario3ReplaceSectionRegeneratesATimeRange() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try Self.firstClipID(try await Self.song(harness, key: key, #"{"prompt":"verse one","mv":"chirp-v4"}"#))
            let infill = try await Self.song(
                harness, key: key,
                #"{"task":"infill","continue_clip_id":"\#(source)","infill_start_s":5,"infill_end_s":10,"prompt":"new words","mv":"chirp-v4"}"#)
            #expect(Self.clips(infill).first?["metadata"]?["infill"] == .bool(true))
            let bad = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: key,
                body: #"{"task":"infill","continue_clip_id":"\#(source)","infill_start_s":10,"infill_end_s":5}"#)
            #expect(bad.status == 422)
            #expect(bad.json?["code"] == "validation_failed")
        }
    }

    @Test func scenario4PersonaIsTakenFromAClipAndReusedInNewSongs() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let root = try Self.firstClipID(try await Self.song(harness, key: key, #"{"prompt":"my voice","mv":"chirp-v4"}"#))
            let persona = try await harness.suno(
                .POST, "/suno/persona/create/", key: key,
                body: #"{"root_clip_id":"\#(root)","name":"Ava","description":"warm alto","clips":["\#(root)"]}"#)
            let personaID = try #require(persona["id"]?.stringValue)
            #expect(persona["name"] == "Ava")
            #expect(persona["root_clip_id"]?.stringValue == root)
            let song = try await Self.song(harness, key: key, #"{"prompt":"new song","persona_id":"\#(personaID)","mv":"chirp-v4"}"#)
            #expect(Self.clips(song).count == 2)
            let stranger = try await harness.customerKey()
            let stolen = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: stranger, body: #"{"prompt":"x","persona_id":"\#(personaID)","mv":"chirp-v4"}"#)
            #expect(stolen.status == 404)
        }
    }

    @Test func scenario5StemsSplitVocalsAndAccompaniment() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try Self.firstClipID(try await Self.song(harness, key: key, #"{"prompt":"sing","mv":"chirp-auk","title":"Duet"}"#))
            let stems = try await harness.suno(.GET, "/suno/act/stems/\(source)", key: key)
            guard case .array(let parts) = stems, parts.count == 2 else { Issue.record("expected two stems: \(stems.encoded())"); return }
            let titles = parts.compactMap { $0["title"]?.stringValue }
            #expect(titles.contains { $0.hasSuffix("(Vocals)") })
            #expect(titles.contains { $0.hasSuffix("(Instrumental)") })
            // The stems are the customer's clips now: the feed returns them by their public ids.
            let ids = parts.compactMap { $0["id"]?.stringValue }
            let feed = try await harness.suno(.GET, "/suno/feed/\(ids.joined(separator: ","))", key: key)
            guard case .array(let fed) = feed else { Issue.record("feed is not a list"); return }
            #expect(fed.compactMap { $0["id"]?.stringValue } == ids)
        }
    }

    @Test func scenario6TimingGivesAPerWordLyricTimeline() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try Self.firstClipID(try await Self.song(harness, key: key, #"{"prompt":"hello bright world","mv":"chirp-auk"}"#))
            let timing = try await harness.suno(.GET, "/suno/act/timing/\(source)", key: key)
            guard case .array(let words)? = timing["aligned_words"], !words.isEmpty else { Issue.record("no aligned words"); return }
            var previousEnd = 0.0
            for word in words {
                guard case .number(let start)? = word["start_s"], case .number(let end)? = word["end_s"] else {
                    Issue.record("word without times")
                    return
                }
                #expect(start >= previousEnd - 0.001 && end > start)
                previousEnd = end
            }
            guard case .array(let waveform)? = timing["waveform_data"] else { Issue.record("no waveform"); return }
            #expect(!waveform.isEmpty)
        }
    }

    @Test func scenario7WavGivesTheSongAsAWavFile() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try Self.firstClipID(try await Self.song(harness, key: key, #"{"prompt":"lossless","mv":"chirp-v4"}"#))
            let wav = try await harness.suno(.GET, "/suno/act/wav/\(source)", key: key)
            let file = try await harness.call(.GET, try #require(wav["wav_file_url"]?.stringValue), key: nil)
            #expect(file.status == 200)
            #expect(file.body.hasPrefix("RIFF"))
        }
    }

    @Test func scenario8Mp4RendersAMusicVideo() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try Self.firstClipID(try await Self.song(harness, key: key, #"{"prompt":"video star","mv":"chirp-auk"}"#))
            let mp4 = try await harness.suno(.GET, "/suno/act/mp4/\(source)", key: key)
            let file = try await harness.call(.GET, try #require(mp4["video_url"]?.stringValue), key: nil)
            #expect(file.status == 200)
            #expect(file.headers.first(name: "content-type") == "video/mp4")
        }
    }
}
