import Foundation
import NIOHTTP1
import Switchyard
import SwitchyardEmulator
import Testing

/// The Udio emulator on its own: the relay task protocol's shapes, its validation errors and its faults, on a
/// manual clock that the tests advance instead of waiting.
@Suite struct UdioEmulatorTests {
    /// One step per emulated second: a task waits 1 s (SUBMITTED, then QUEUED), works 2 s, then ends.
    static func manualConfiguration(_ clock: EmulatorClock = .manual()) -> EmulatorConfiguration {
        EmulatorConfiguration(stepSeconds: 1, clock: clock)
    }

    static func generate(_ params: String, notifyHook: String? = nil) -> String {
        let hook = notifyHook.map { #","notify_hook":"\#($0)""# } ?? ""
        return #"{"gen_params":\#(params)\#(hook)}"#
    }

    /// Submits and returns the task id from the envelope.
    static func submit(_ client: EmulatorClient, _ body: String, path: String = "/udio/submit/music", key: String = "upstream-key")
        async throws -> String
    {
        let answer = try await client.call(.POST, path, key: key, body: body)
        #expect(answer.status == 200, "\(answer.body)")
        #expect(answer.json?["code"] == "success")
        #expect(answer.json?["message"] == "")
        return try #require(answer.json?["data"]?.stringValue, "\(answer.body)")
    }

    static func fetch(_ client: EmulatorClient, _ id: String) async throws -> JSONValue {
        let answer = try await client.call(.GET, "/udio/fetch/\(id)")
        #expect(answer.status == 200, "\(answer.body)")
        #expect(answer.json?["code"] == "success")
        return try #require(answer.json?["data"])
    }

    @Test func aTaskMovesThroughItsStatusesAsTheClockAdvancesAndEndsWithTwoPlayableSongs() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(Self.manualConfiguration(clock)) { emulator, client in
            let id = try await Self.submit(
                client, Self.generate(#"{"prompt":"Synthwave, retro","seed":-1}"#, notifyHook: "https://hooks.example/udio"))
            var task = try await Self.fetch(client, id)
            #expect(task["task_id"]?.stringValue == id)
            #expect(task["action"] == "udio-generate")
            #expect(task["status"] == "SUBMITTED")
            #expect(task["progress"] == "0%")
            #expect(task["notify_hook"] == "https://hooks.example/udio")
            #expect(task["start_time"] == .null && task["finish_time"] == .null)
            let submitTime = try #require(task["submit_time"]?.intValue)
            #expect(abs(Double(submitTime) - Date().timeIntervalSince1970) < 60)
            var songs = try #require(task["data"]?.arrayValue)
            #expect(songs.count == 2)
            #expect(songs.allSatisfy { $0["finished"] == false && $0["song_path"] == "" })

            clock.advance(bySeconds: 0.5)
            #expect(try await Self.fetch(client, id)["status"] == "QUEUED")
            clock.advance(bySeconds: 1.5)
            task = try await Self.fetch(client, id)
            #expect(task["status"] == "IN_PROGRESS")
            #expect(task["progress"] == "50%")
            #expect(task["start_time"]?.intValue != nil)

            clock.advance(bySeconds: 2)
            task = try await Self.fetch(client, id)
            #expect(task["status"] == "SUCCESS")
            #expect(task["progress"] == "100%")
            #expect(task["fail_reason"] == .null)
            #expect(try #require(task["finish_time"]?.intValue) >= submitTime + 3)
            songs = try #require(task["data"]?.arrayValue)
            #expect(Set(songs.compactMap { $0["id"]?.stringValue }).count == 2)
            for song in songs {
                #expect(song["generation_id"]?.stringValue == id)
                #expect(song["finished"] == true)
                #expect(song["duration"]?.doubleValue == 32)
                #expect(song["tags"] == .array(["synthwave", "retro"]))
                #expect(song["user_tags"] == .array(["synthwave", "retro"]))
                #expect(song["title"] == "Synthwave Retro")
                #expect(song["lyrics"]?.stringValue?.contains("[Verse]") == true)
                #expect(song["prompt"] == "Synthwave, retro")
                #expect(song["error_code"] == .null && song["error_type"] == .null && song["error_detail"] == .null)
                #expect(song["liked"] == false && song["likes"] == 0 && song["plays"] == 0 && song["publishable"] == false)
                let createdAt = try #require(song["created_at"]?.stringValue)
                #expect(ISO8601DateFormatter.withFractionalSeconds.date(from: createdAt) != nil, "\(createdAt)")
                #expect(song["image_path"]?.stringValue?.hasSuffix(".jpg") == true)
                #expect(song["video_path"]?.stringValue?.hasSuffix(".mp4") == true)
                // A real MP3: an MPEG audio frame header, served without a key.
                let audio = try await client.call(.GET, try #require(song["song_path"]?.stringValue), key: nil)
                #expect(audio.status == 200)
                #expect(audio.headers.first(name: "content-type") == "audio/mpeg")
                #expect(audio.bytes.count > 1_000)
                #expect(audio.bytes.prefix(2) == [0xFF, 0xF3])
            }
            #expect(emulator.requestCount("POST /udio/submit/music") == 1)
            #expect(emulator.requestCount("GET /udio/fetch/{id}") == 4)
        }
    }

    @Test func theGenerateProxyAliasMakesLongSongsWithUdio130() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(Self.manualConfiguration(clock)) { emulator, client in
            let id = try await Self.submit(
                client, Self.generate(#"{"prompt":"ambient piano","model_type":"udio130-v1.5","lyrics_type":"instrumental"}"#),
                path: "/udio/generate-proxy")
            clock.advance(bySeconds: 3)
            let songs = try #require(try await Self.fetch(client, id)["data"]?.arrayValue)
            #expect(songs.map { $0["duration"]?.doubleValue } == [130, 130])
            #expect(songs.allSatisfy { $0["model_type"] == "udio130-v1.5" && $0["lyrics"] == "" })
            #expect(emulator.requestCount("POST /udio/generate-proxy") == 1)
            #expect(emulator.requestCount("POST /udio/submit/music") == 0)
        }
    }

    @Test func userLyricsAreSungAsGiven() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(Self.manualConfiguration(clock)) { _, client in
            let id = try await Self.submit(
                client, Self.generate(#"{"prompt":"folk","lyrics_type":"user","lyrics":"[Verse]\nRiver runs"}"#))
            clock.advance(bySeconds: 3)
            let songs = try #require(try await Self.fetch(client, id)["data"]?.arrayValue)
            #expect(songs.allSatisfy { $0["lyrics"] == "[Verse]\nRiver runs" })
        }
    }

    @Test func queryAnswersOnlyTheCallersSongsOutsideTheEnvelope() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(Self.manualConfiguration(clock)) { _, client in
            let mine = try await Self.submit(client, Self.generate(#"{"prompt":"jazz"}"#), key: "key-a")
            let theirs = try await Self.submit(client, Self.generate(#"{"prompt":"rock"}"#), key: "key-b")
            clock.advance(bySeconds: 3)
            let mySongs = try #require(try await Self.fetch(client, mine)["data"]?.arrayValue).compactMap { $0["id"]?.stringValue }
            let theirSongs = try #require(try await Self.fetch(client, theirs)["data"]?.arrayValue).compactMap { $0["id"]?.stringValue }
            let ids = (mySongs + theirSongs + ["no-such-song"]).joined(separator: ",")
            let answer = try await client.call(.GET, "/udio/query?ids=\(ids)", key: "key-a")
            #expect(answer.status == 200)
            let songs = try #require(answer.json?["songs"]?.arrayValue, "\(answer.body)")
            #expect(songs.compactMap { $0["id"]?.stringValue } == mySongs)
            #expect(songs.allSatisfy { $0["finished"] == true })
            let missing = try await client.call(.GET, "/udio/query", key: "key-a")
            #expect(missing.status == 400)
            #expect(missing.json?["code"] == "invalid_request")
            #expect(missing.json?["data"] == .null)
        }
    }

    @Test func anExtensionContinuesACompleteSongOfThisEmulator() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(Self.manualConfiguration(clock)) { _, client in
            let first = try await Self.submit(client, Self.generate(#"{"prompt":"city pop"}"#))
            let sourceID = try #require(try await Self.fetch(client, first)["data"]?[0]?["id"]?.stringValue)
            let extend = Self.generate(
                #"{"prompt":"city pop","config":{"mode":"continuation","context_length":30,"source":{"source_type":"song","song_id":"\#(sourceID)"}}}"#
            )
            // Still generating: refused until it is complete.
            let early = try await client.call(.POST, "/udio/submit/music", body: extend)
            #expect(early.status == 400)
            #expect(early.json?["code"] == "song_not_complete")
            clock.advance(bySeconds: 3)
            let extended = try await Self.submit(client, extend)
            clock.advance(bySeconds: 3)
            let songs = try #require(try await Self.fetch(client, extended)["data"]?.arrayValue)
            #expect(songs.allSatisfy { $0["duration"]?.doubleValue == 64 && $0["source_song_id"]?.stringValue == sourceID })
            #expect(songs.allSatisfy { $0["extension_mode"] == "continuation" && $0["title"] == "City Pop" })
        }
    }

    @Test(arguments: [
        (#"{"notify_hook":"x"}"#, "invalid_request", "gen_params"),
        (#"{"gen_params":"a song"}"#, "invalid_request", "gen_params"),
        (UdioEmulatorTests.generate(#"{"prompt":""}"#), "invalid_request", "gen_params.prompt"),
        (UdioEmulatorTests.generate(#"{"prompt":"x","lyrics_type":"spoken"}"#), "invalid_request", "gen_params.lyrics_type"),
        (UdioEmulatorTests.generate(#"{"prompt":"x","lyrics_type":"user"}"#), "invalid_request", "gen_params.lyrics"),
        (UdioEmulatorTests.generate(#"{"prompt":"x","model_type":"udio64-v9"}"#), "unsupported_model", "gen_params.model_type"),
        (UdioEmulatorTests.generate(#"{"prompt":"x","seed":-5}"#), "invalid_request", "gen_params.seed"),
        (UdioEmulatorTests.generate(#"{"prompt":"x","prompt_strength":1.5}"#), "invalid_request", "gen_params.prompt_strength"),
        (UdioEmulatorTests.generate(#"{"prompt":"x","generation_quality":-0.1}"#), "invalid_request", "gen_params.generation_quality"),
        (
            UdioEmulatorTests.generate(#"{"prompt":"x","song_section_start":0.8,"song_section_end":0.2}"#), "invalid_request",
            "gen_params.song_section_start"
        ),
        (UdioEmulatorTests.generate(#"{"prompt":"x","config":{"mode":"remix"}}"#), "invalid_request", "gen_params.config.mode"),
        (UdioEmulatorTests.generate(#"{"prompt":"x","config":{"mode":"precede"}}"#), "invalid_request", "gen_params.config.source"),
        (
            UdioEmulatorTests.generate(#"{"prompt":"x","config":{"mode":"continuation","source":{"source_type":"clip","song_id":"a"}}}"#),
            "invalid_request",
            "gen_params.config.source.source_type"
        ),
        (
            UdioEmulatorTests.generate(#"{"prompt":"x","config":{"mode":"continuation","source":{"source_type":"song","song_id":"nope"}}}"#),
            "song_not_found",
            "gen_params.config.source.song_id"
        ),
        (UdioEmulatorTests.generate(#"{"prompt":7}"#), "invalid_request", "gen_params.prompt"),
    ])
    func badRequestsAreRefusedInTheRelayEnvelopeAndMakeNothing(body: String, code: String, field: String) async throws {
        try await EmulatorClient.withEmulator(Self.manualConfiguration()) { _, client in
            let answer = try await client.call(.POST, "/udio/submit/music", body: body)
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.json?["code"]?.stringValue == code, "\(answer.body)")
            #expect(answer.json?["message"]?.stringValue?.contains(field) == true, "\(answer.body)")
            #expect(answer.json?["data"] == .null)
        }
    }

    @Test func aCallWithoutAKeyOrForAnUnknownTaskIsRefused() async throws {
        try await EmulatorClient.withEmulator(Self.manualConfiguration()) { _, client in
            let unauthorized = try await client.call(.POST, "/udio/submit/music", key: nil, body: Self.generate(#"{"prompt":"x"}"#))
            #expect(unauthorized.status == 401)
            #expect(unauthorized.json?["code"] == "unauthorized")
            let unknown = try await client.call(.GET, "/udio/fetch/no-such-task")
            #expect(unknown.status == 404)
            #expect(unknown.json?["code"] == "task_not_found")
        }
    }

    @Test func theFailFaultFailsBothSongsAndPartialOnlyTheSecond() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(Self.manualConfiguration(clock)) { _, client in
            let failed = try await Self.submit(client, Self.generate(#"{"prompt":"doom [fault:fail]"}"#))
            let partial = try await Self.submit(client, Self.generate(#"{"prompt":"half [fault:partial]"}"#))
            clock.advance(bySeconds: 3)
            let failedTask = try await Self.fetch(client, failed)
            #expect(failedTask["status"] == "FAILURE")
            #expect(failedTask["fail_reason"] == "Generation failed (emulated)")
            let failedSongs = try #require(failedTask["data"]?.arrayValue)
            #expect(failedSongs.allSatisfy { $0["error_type"] == "generation_failed" && $0["song_path"] == "" && $0["finished"] == true })
            let partialTask = try await Self.fetch(client, partial)
            #expect(partialTask["status"] == "FAILURE")
            let partialSongs = try #require(partialTask["data"]?.arrayValue)
            #expect(partialSongs[0]["error_type"] == .null)
            #expect(partialSongs[0]["song_path"]?.stringValue?.hasSuffix(".mp3") == true)
            #expect(partialSongs[1]["error_detail"] == "Generation failed (emulated)")
            #expect(partialSongs[1]["song_path"] == "")
        }
    }

    @Test func headerFaultsAnswerInTheRelayEnvelope() async throws {
        try await EmulatorClient.withEmulator(Self.manualConfiguration()) { emulator, client in
            let body = Self.generate(#"{"prompt":"x"}"#)
            let failing = try await client.call(.POST, "/udio/submit/music", body: body, headers: [("X-Emulator-Fault", "500")])
            #expect(failing.status == 500)
            #expect(failing.json?["code"] == "internal_error")
            let limited = try await client.call(.POST, "/udio/generate-proxy", body: body, headers: [("X-Emulator-Fault", "429")])
            #expect(limited.status == 429)
            #expect(limited.json?["code"] == "rate_limited")
            #expect(limited.headers.first(name: "retry-after") == "1")
            let malformed = try await client.call(.POST, "/udio/submit/music", body: body, headers: [("X-Emulator-Fault", "malformed")])
            #expect(malformed.status == 200)
            #expect(malformed.json == nil)
            let garbage = try await client.call(.POST, "/udio/submit/music", body: body, headers: [("X-Emulator-Fault", "garbage")])
            #expect(garbage.status == 200)
            #expect(garbage.json == nil)
            #expect(emulator.requestCount("POST /udio/submit/music") == 3)
        }
    }

    @Test func aFaultShareReachesUdioSubmits() async throws {
        let configuration = EmulatorConfiguration(faultMix: EmulatorFaultMix(rate: 1, faults: [.serverError]), clock: .manual())
        try await EmulatorClient.withEmulator(configuration) { _, client in
            let answer = try await client.call(.POST, "/udio/generate-proxy", body: Self.generate(#"{"prompt":"x"}"#))
            #expect(answer.status == 500)
            #expect(answer.json?["code"] == "internal_error")
        }
    }

    @Test func aManualClockHoldsLumaAndSunoJobsUntilAdvanced() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(Self.manualConfiguration(clock)) { emulator, client in
            let luma = try await client.call(.POST, emulator.lumaBaseURL + "/generations/video", body: #"{"prompt":"fox"}"#)
            let lumaID = try #require(luma.json?["id"]?.stringValue)
            let suno = try await client.call(.POST, "/suno/submit/music", body: #"{"prompt":"song","mv":"chirp-v4"}"#)
            let sunoID = try #require(suno.json?["data"]?.stringValue)
            clock.advance(bySeconds: 2.5)
            #expect(try await client.call(.GET, emulator.lumaBaseURL + "/generations/\(lumaID)").json?["state"] == "dreaming")
            #expect(try await client.call(.GET, "/suno/fetch/\(sunoID)").json?["data"]?["status"] == "IN_PROGRESS")
            clock.advance(bySeconds: 0.5)
            #expect(try await client.call(.GET, emulator.lumaBaseURL + "/generations/\(lumaID)").json?["state"] == "completed")
            #expect(try await client.call(.GET, "/suno/fetch/\(sunoID)").json?["data"]?["status"] == "SUCCESS")
        }
    }
}

extension ISO8601DateFormatter {
    /// Reads ISO 8601 with fractional seconds, e.g. "2024-11-27T13:50:56.313Z".
    fileprivate static var withFractionalSeconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
