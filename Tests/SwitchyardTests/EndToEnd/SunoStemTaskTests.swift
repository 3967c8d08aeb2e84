import Foundation
import NIOHTTP1
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// Stems asked for by `task: gen_stem` on `/suno/submit/music`: a task the gateway polls, whose stem clips become the
/// caller's own clips on the channel that made the song.
@Suite struct SunoStemTaskTests {
    @Test func genStemIsAPolledTaskWhoseStemsAreTheCallersClipsOnTheSongsChannel() async throws {
        try await TestHarness.run(emulators: [EmulatorConfiguration(stepSeconds: 0.05), EmulatorConfiguration(stepSeconds: 0.05)]) { harness in
            let key = try await harness.customerKey()
            let channels = ChannelStore(database: harness.database)
            let preferred = try #require(try await channels.list().first { $0.name == "suno-0" })
            let songChannel = try #require(try await channels.list().first { $0.name == "suno-1" })
            // The song is made on the second channel; the first, preferred one is back before the stems are asked for.
            try await channels.setStatus(id: preferred.id, status: "disabled", reason: "test")
            let source = try SunoScenarioTests.firstClipID(
                try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"[Verse]\nSing with me","mv":"chirp-auk","title":"Duet"}"#))
            try await channels.setStatus(id: preferred.id, status: "enabled")

            // No `mv`: the clip's model (chirp-auk) decides.
            let taskID = try #require(
                try await harness.suno(.POST, "/suno/submit/music", key: key, body: #"{"task":"gen_stem","continue_clip_id":"\#(source)"}"#)
                    .stringValue)
            let task = try await harness.waitForSunoTask(taskID, key: key)
            #expect(task["status"] == "SUCCESS", "\(task.encoded())")
            #expect(task["action"] == "MUSIC")
            #expect(task["task_id"]?.stringValue == taskID)
            #expect(harness.emulators[1].requestCount("GET /suno/fetch/{id}") >= 1)
            #expect(harness.emulators[0].requestCount("POST /suno/submit/music") == 0)

            let stems = SunoScenarioTests.clips(task)
            #expect(stems.count == 2)
            let titles = stems.compactMap { $0["title"]?.stringValue }
            #expect(titles.contains("Duet (Vocals)"))
            #expect(titles.contains("Duet (Instrumental)"))
            #expect(stems.allSatisfy { $0["model_name"] == "chirp-stem" && $0["status"] == "complete" })
            // The stems name the song by the caller's id, and their own ids are Switchyard's, mapped to the song's channel.
            #expect(stems.allSatisfy { $0["metadata"]?["stem_from_id"]?.stringValue == source })
            let stemIDs = stems.compactMap { $0["id"]?.stringValue }
            #expect(stemIDs.count == 2)
            let token = try await harness.token(forKey: key)
            for stemID in stemIDs {
                let artifact = try #require(
                    try await ArtifactStore(database: harness.database, clock: .wall).find(publicID: stemID, ownedBy: token.id))
                #expect(artifact.kind == "clip")
                #expect(artifact.taskID == taskID)
                #expect(artifact.channelID == songChannel.id)
                #expect(artifact.upstreamID != stemID)
            }

            // The stems are usable like any clip of the caller's: in the feed, and in a follow-up on their channel.
            let feed = try await harness.suno(.GET, "/suno/feed/\(stemIDs.joined(separator: ","))", key: key)
            guard case .array(let fed) = feed else { Issue.record("feed is not a list: \(feed.encoded())"); return }
            #expect(fed.compactMap { $0["id"]?.stringValue } == stemIDs)
            let vocals = try #require(stems.first { $0["title"] == "Duet (Vocals)" }?["id"]?.stringValue)
            let cover = try await SunoScenarioTests.song(
                harness, key: key, #"{"task":"cover","cover_clip_id":"\#(vocals)","tags":"a cappella","mv":"chirp-v4"}"#)
            #expect(SunoScenarioTests.clips(cover).first?["metadata"]?["history"]?.encoded().contains(vocals) == true)
            #expect(harness.emulators[0].requestCount("POST /suno/submit/music") == 0)
            #expect(harness.emulators[1].requestCount("POST /suno/submit/music") == 3)

            // Another customer can neither see nor use them.
            let stranger = try await harness.customerKey()
            let strangersFeed = try await harness.suno(.GET, "/suno/feed/\(stemIDs.joined(separator: ","))", key: stranger)
            #expect(strangersFeed == .array([]))
            let stolen = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: stranger, body: #"{"task":"cover","cover_clip_id":"\#(vocals)","mv":"chirp-v4"}"#)
            #expect(stolen.status == 404)
            #expect(try await harness.call(.GET, harness.baseURL + "/suno/fetch/\(taskID)", key: stranger).status == 404)

            // Charged once, at the stems price, when the task settled: song 0.10 + stems 0.10 + cover 0.10.
            let ledger = try await harness.ledger(taskID)
            #expect(ledger.map(\.kind) == ["hold", "settle"])
            #expect(ledger.first?.price?.contains("/stems ") == true)
            #expect(try await harness.token(forKey: key).usedMicros == 300_000)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func genStemOnAClipOfAnotherModelIsRefusedAndNotCharged() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let source = try SunoScenarioTests.firstClipID(
                try await SunoScenarioTests.song(harness, key: key, #"{"prompt":"v4 song","mv":"chirp-v4"}"#))
            let usedBefore = try await harness.token(forKey: key).usedMicros
            let refused = try await harness.call(
                .POST, harness.baseURL + "/suno/submit/music", key: key, body: #"{"task":"gen_stem","continue_clip_id":"\#(source)"}"#)
            #expect(refused.status == 400)
            #expect(refused.json?["code"] == "unsupported_model")
            #expect(refused.json?["message"]?.stringValue?.contains("chirp-v4") == true)
            #expect(harness.emulators[0].requestCount("POST /suno/submit/music") == 1)
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == usedBefore)
            #expect(token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }
}
