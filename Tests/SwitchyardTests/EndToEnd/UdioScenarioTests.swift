import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Udio end to end over the emulator: a task's two songs, the query, extending one's own song on the channel that
/// made it, and `notify_hook`.
@Suite struct UdioScenarioTests {
    @Test func aSubmittedTaskEndsWithTwoSongsTheCallerCanQuery() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let taskID = try await harness.udioSubmit(
                #"{"gen_params":{"prompt":"jazz, piano","lyrics_type":"instrumental","model_type":"udio32-v1.5","seed":-1}}"#, key: key)
            let task = try await harness.waitForUdioTask(taskID, key: key)
            #expect(task["task_id"]?.stringValue == taskID)
            #expect(task["action"] == "udio-generate")
            #expect(task["status"] == "SUCCESS")
            #expect(task["progress"] == "100%")
            #expect(task["fail_reason"] == .null)
            let songs = udioSongs(task)
            #expect(songs.count == 2)
            var songIDs: [String] = []
            let owner = try await harness.token(forKey: key)
            for song in songs {
                let id = try #require(song["id"]?.stringValue)
                songIDs.append(id)
                // Switchyard's own id, not the upstream's, mapped to the channel that made it.
                let artifact = try #require(try await ArtifactStore(database: harness.database, clock: .wall).find(publicID: id, ownedBy: owner.id))
                #expect(artifact.upstreamID != id)
                #expect(artifact.kind == "song")
                #expect(song["generation_id"]?.stringValue == taskID)
                #expect(song["finished"] == true)
                #expect(song["duration"] == .number(32))
                #expect(song["user_tags"] == .array(["jazz", "piano"]))
                for field in ["title", "artist", "lyrics", "prompt", "created_at", "image_path", "video_path", "liked", "plays", "publishable"] {
                    #expect(song[field] != nil, "\(field)")
                }
                // The upstream's MP3 as the gateway's own copy (its media store).
                let path = try #require(song["song_path"]?.stringValue)
                #expect(path.hasPrefix(harness.mediaPrefix))
                #expect(path.hasSuffix(".mp3"))
                let mp3 = try await harness.call(.GET, path, key: nil)
                #expect(mp3.status == 200)
                #expect(mp3.headers["content-type"].first == "audio/mpeg")
            }
            let queried = try await harness.udioQuery(songIDs, key: key)
            #expect(queried.compactMap { $0["id"]?.stringValue } == songIDs)
            #expect(queried.allSatisfy { $0["generation_id"]?.stringValue == taskID && $0["finished"] == true })
            #expect(try await harness.token(forKey: key).usedMicros == 100_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func theAliasAndTheLongerModelWorkAtTwiceThePrice() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let taskID = try await harness.udioSubmit(
                #"{"gen_params":{"prompt":"long ambient","model_type":"udio130-v1.5"}}"#, key: key, path: "/udio/generate-proxy")
            let task = try await harness.waitForUdioTask(taskID, key: key)
            #expect(task["status"] == "SUCCESS")
            #expect(udioSongs(task).map { $0["duration"] } == [.number(130), .number(130)])
            #expect(harness.emulators[0].requestCount("POST /udio/submit/music") == 1)
            #expect(try await harness.ledger(taskID).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.token(forKey: key).usedMicros == 200_000)
            try await harness.expectLedgerBalanced()
        }
    }

    /// The extension names the caller's song; the upstream gets its own id for it, on the channel that made it,
    /// even when routing would now prefer another channel.
    @Test func extendingOnesOwnSongGoesToTheChannelThatMadeIt() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05), EmulatorConfiguration(stepSeconds: 0.05)]) { harness in
            let key = try await harness.customerKey()
            let channels = ChannelStore(database: harness.database)
            let preferred = try #require(try await channels.list().first { $0.name == "udio-0" })
            try await channels.setStatus(id: preferred.id, status: "disabled")
            let source = try await harness.udioSong(#"{"gen_params":{"prompt":"rock"}}"#, key: key)
            #expect(source["status"] == "SUCCESS")
            #expect(harness.emulators[1].requestCount("POST /udio/submit/music") == 1)
            try await channels.setStatus(id: preferred.id, status: "enabled")
            let songID = try #require(udioSongs(source).first?["id"]?.stringValue)

            let extended = try await harness.udioSong(
                #"{"gen_params":{"prompt":"rock, outro","config":{"mode":"continuation","source":{"source_type":"song","song_id":"\#(songID)"}}}}"#,
                key: key)
            #expect(extended["status"] == "SUCCESS")
            #expect(harness.emulators[1].requestCount("POST /udio/submit/music") == 2)
            #expect(harness.emulators[0].requestCount("POST /udio/submit/music") == 0)
            let songs = udioSongs(extended)
            #expect(songs.count == 2)
            // The emulator extends the upstream's song: the source reads as the caller's id again, the length adds up.
            #expect(songs.allSatisfy { $0["source_song_id"]?.stringValue == songID && $0["duration"] == .number(64) })
            // A new song, naming none, goes where routing prefers.
            #expect(try await harness.udioSong(#"{"gen_params":{"prompt":"pop"}}"#, key: key)["status"] == "SUCCESS")
            #expect(harness.emulators[0].requestCount("POST /udio/submit/music") == 1)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func notifyHookReceivesTheTaskObject() async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let taskID = try await harness.udioSubmit(#"{"gen_params":{"prompt":"hook"},"notify_hook":"\#(receiver.url)"}"#, key: key)
            _ = try await harness.waitForUdioTask(taskID, key: key)
            try await waitUntil { receiver.deliveries.contains { $0.body.contains(#""status":"SUCCESS""#) } }
            let last = try #require(receiver.deliveries.last.flatMap { JSONValue.parse($0.body.utf8) })
            #expect(last["task_id"]?.stringValue == taskID)
            #expect(last["action"] == "udio-generate")
            #expect(last["notify_hook"]?.stringValue == receiver.url)
            #expect(udioSongs(last).count == 2)
            #expect(receiver.deliveries.allSatisfy { $0.signature != nil })
        }
        await receiver.stop()
    }
}
