import Foundation
import NIOHTTP1
import Synchronization
import Testing
@testable import Switchyard
import SwitchyardEmulator

/// The media store, end to end: finished results link to the gateway's own copies (in the answer, the callback
/// and the feed), which serve the upstream's bytes with ranges, outlive the upstream, expire, and are fetched only
/// where the SSRF guard allows, each source once per task.
@Suite struct MediaStoreTests {
    /// The URL of asset `kind` of task `id`'s generation, as the emulator itself answers it.
    static func upstreamAsset(_ harness: TestHarness, task id: String, _ kind: String) async throws -> String {
        let task = try #require(try await TaskStore(database: harness.database, clock: .wall).find(id: id))
        let upstreamID = try #require(task.upstreamID)
        let answer = try await harness.call(.GET, harness.emulators[0].lumaBaseURL + "/generations/\(upstreamID)", key: "upstream-key-0")
        return try #require(answer.json?["assets"]?[kind]?.stringValue)
    }

    static func storedTask(_ harness: TestHarness, _ id: String) async throws -> TaskRecord {
        try #require(try await TaskStore(database: harness.database, clock: .wall).find(id: id))
    }

    @Test(arguments: PostgresTestServer.engines) func aLumaVideoEndsWithAGatewayURLInTheAnswerAndTheCallbackServingTheUpstreamsBytes(
        engine: StoreDialect
    ) async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run(engine: engine) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(
                .POST, "/generations/video", key: key, body: #"{"prompt":"keep me","callback_url":"\#(receiver.url)"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            let finished = try await harness.waitForEnd(id, key: key)
            #expect(finished["state"] == "completed")
            let videoURL = try #require(finished["assets"]?["video"]?.stringValue)
            #expect(videoURL.hasPrefix(harness.mediaPrefix))
            #expect(videoURL.hasSuffix(".mp4"))

            // The same bytes as the upstream's own file.
            let upstreamURL = try await Self.upstreamAsset(harness, task: id, "video")
            #expect(!upstreamURL.hasPrefix(harness.baseURL))
            let original = try await harness.download(upstreamURL)
            let copy = try await harness.download(videoURL)
            #expect(copy.status == 200)
            #expect(copy.bytes == original.bytes)
            #expect(copy.headers.first(name: "Content-Type") == "video/mp4")
            #expect(copy.headers.first(name: "Content-Length") == String(original.bytes.count))
            #expect(copy.headers.first(name: "Accept-Ranges") == "bytes")

            // The callback of `completed` carries the gateway's URL, and no callback the upstream's.
            try await waitUntil { receiver.deliveries.contains { JSONValue.parse($0.body.utf8)?["state"] == "completed" } }
            let completed = try #require(receiver.deliveries.compactMap { JSONValue.parse($0.body.utf8) }.first { $0["state"] == "completed" })
            #expect(completed["assets"]?["video"]?.stringValue == videoURL)
            #expect(receiver.deliveries.allSatisfy { !$0.body.contains(upstreamURL) })

            // One row per file of the result (video, thumbnail…): the bytes' length and digest, the source's host,
            // never its URL.
            let assets = try #require(finished["assets"])
            let rows = try await harness.mediaRows()
            #expect(rows.count == assets.httpURLs().count)
            #expect(assets.httpURLs().allSatisfy { $0.hasPrefix(harness.mediaPrefix) })
            let row = try #require(rows.first { videoURL.contains($0.id) })
            #expect(row.taskID == id)
            #expect(row.size == Int64(original.bytes.count))
            #expect(row.sourceHost == "127.0.0.1")
            #expect(row.contentType == "video/mp4")
            #expect(try await !harness.mediaRowText().contains(upstreamURL))
            #expect(FileManager.default.fileExists(atPath: harness.mediaFile(row.id)))
        }
        await receiver.stop()
    }

    @Test(arguments: PostgresTestServer.engines) func aResultFinishedInTheUpstreamsCreateAnswerIsCopiedBeforeTheCreateIsAnswered(engine: StoreDialect)
        async throws
    {
        try await TestHarness.run(engine: engine) { harness in
            let key = try await harness.customerKey()
            // A synchronous image: the upstream answers the create finished, as Recraft and Ideogram always do.
            let created = try await harness.call(
                .POST, "/generations/image", key: key, body: #"{"prompt":"at once","model":"photon-flash-1","sync":true,"sync_timeout":20}"#)
            #expect(created.status == 201, "\(created.body)")
            #expect(created.json?["state"] == "completed")
            let url = try #require(created.json?["assets"]?["image"]?.stringValue)
            #expect(url.hasPrefix(harness.mediaPrefix))
            let id = try #require(created.json?["id"]?.stringValue)
            let upstreamURL = try await Self.upstreamAsset(harness, task: id, "image")
            #expect(try await harness.download(url).bytes == harness.download(upstreamURL).bytes)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
        }
    }

    @Test(arguments: PostgresTestServer.engines) func rangesHeadAndConditionalRequestsAreAnsweredAsAPlayerExpects(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"seek me"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            let url = try #require(try await harness.waitForEnd(id, key: key)["assets"]?["video"]?.stringValue)
            let whole = try await harness.download(url)
            let size = whole.bytes.count
            #expect(size > 100)

            let first = try await harness.download(url, headers: [("Range", "bytes=0-9")])
            #expect(first.status == 206)
            #expect(first.bytes == Array(whole.bytes[0..<10]))
            #expect(first.headers.first(name: "Content-Range") == "bytes 0-9/\(size)")
            #expect(first.headers.first(name: "Content-Length") == "10")

            let suffix = try await harness.download(url, headers: [("Range", "bytes=-16")])
            #expect(suffix.status == 206)
            #expect(suffix.bytes == Array(whole.bytes[(size - 16)...]))
            #expect(suffix.headers.first(name: "Content-Range") == "bytes \(size - 16)-\(size - 1)/\(size)")

            let open = try await harness.download(url, headers: [("Range", "bytes=100-")])
            #expect(open.status == 206)
            #expect(open.bytes == Array(whole.bytes[100...]))

            let outside = try await harness.download(url, headers: [("Range", "bytes=\(size)-")])
            #expect(outside.status == 416)
            #expect(outside.headers.first(name: "Content-Range") == "bytes */\(size)")

            let head = try await harness.download(url, method: .HEAD)
            #expect(head.status == 200)
            #expect(head.bytes.isEmpty)
            #expect(head.headers.first(name: "Content-Length") == String(size))
            #expect(head.headers.first(name: "Content-Type") == "video/mp4")

            let etag = try #require(whole.headers.first(name: "ETag"))
            #expect(whole.headers.first(name: "Last-Modified") != nil)
            let unchanged = try await harness.download(url, headers: [("If-None-Match", etag)])
            #expect(unchanged.status == 304)
            #expect(unchanged.bytes.isEmpty)

            // The id is the capability: an unknown one, or one with a letter changed, is simply not there.
            let unknown = try await harness.download(harness.mediaPrefix + String(repeating: "0", count: 32) + ".mp4")
            #expect(unknown.status == 404)
            let guessed = try await harness.download(harness.mediaPrefix + "../switchyard.sqlite")
            #expect(guessed.status == 404)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aSunoClipEndsWithGatewayURLsInTheTaskTheFeedAndTheCallback(engine: StoreDialect) async throws {
        let receiver = try await CallbackReceiver.start()
        try await TestHarness.run(engine: engine) { harness in
            let key = try await harness.customerKey()
            let emulatorRoot = "http://127.0.0.1:\(harness.emulators[0].port)"
            let taskID = try #require(
                try await harness.suno(
                    .POST, "/suno/submit/music", key: key,
                    body: #"{"prompt":"[Verse]\nkeep the tune","mv":"chirp-v4","title":"Kept","tags":"folk","notify_hook":"\#(receiver.url)"}"#
                ).stringValue)
            let task = try await harness.waitForSunoTask(taskID, key: key)
            #expect(task["status"] == "SUCCESS")
            let clips = SunoScenarioTests.clips(task)
            #expect(clips.count == 2)
            for clip in clips {
                let audio = try #require(clip["audio_url"]?.stringValue)
                #expect(audio.hasPrefix(harness.mediaPrefix))
                let image = try #require(clip["image_url"]?.stringValue)
                #expect(image.hasPrefix(harness.mediaPrefix))
                let mp3 = try await harness.download(audio)
                #expect(mp3.status == 200)
                #expect(mp3.headers.first(name: "Content-Type") == "audio/mpeg")
                let upstreamMP3 = try await harness.download(emulatorRoot + "/media/suno/anything.mp3")
                #expect(mp3.bytes == upstreamMP3.bytes)
            }
            // No link to the upstream anywhere in the task.
            #expect(!task.encoded().contains(emulatorRoot))
            // The feed serves the clips as stored, with the same links.
            let ids = clips.compactMap { $0["id"]?.stringValue }
            let feed = try await harness.call(.GET, harness.baseURL + "/suno/feed/\(ids.joined(separator: ","))", key: key)
            #expect(feed.status == 200)
            #expect(!feed.body.contains(emulatorRoot))
            #expect(feed.body.contains(harness.mediaPrefix))
            // The callback of the finished task links to the gateway too.
            try await waitUntil { receiver.deliveries.contains { $0.body.contains("SUCCESS") } }
            let success = try #require(receiver.deliveries.first { $0.body.contains("SUCCESS") })
            #expect(success.body.contains(harness.mediaPrefix))
            #expect(!success.body.contains(emulatorRoot))
        }
        await receiver.stop()
    }

    @Test(arguments: PostgresTestServer.engines) func aResultIsDownloadableAfterTheUpstreamIsGone(engine: StoreDialect) async throws {
        try await TestHarness.run(engine: engine) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/image", key: key, body: #"{"prompt":"outlive the cdn","model":"photon-1"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            let url = try #require(try await harness.waitForEnd(id, key: key)["assets"]?["image"]?.stringValue)
            let upstreamURL = try await Self.upstreamAsset(harness, task: id, "image")
            let original = try await harness.download(upstreamURL)
            #expect(original.status == 200)

            await harness.emulators[0].stop()
            #expect(await !harness.answers(upstreamURL))
            let copy = try await harness.download(url)
            #expect(copy.status == 200)
            #expect(copy.headers.first(name: "Content-Type") == "image/jpeg")
            #expect(copy.bytes == original.bytes)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func expiredMediaAnswers410AndTheSweeperDeletesItsFileAndRow(engine: StoreDialect) async throws {
        let offset = Mutex<Int64>(0)
        let clock = Clock { Clock.wall.nowMillis() + offset.withLock { $0 } }
        try await TestHarness.run(configure: { $0.media.lifetimeMillis = 24 * 60 * 60 * 1_000 }, clock: clock, engine: engine) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/image", key: key, body: #"{"prompt":"a day","model":"photon-1"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            let url = try #require(try await harness.waitForEnd(id, key: key)["assets"]?["image"]?.stringValue)
            let row = try #require(try await harness.mediaRows().first)
            #expect(row.expiresAt - row.createdAt == 24 * 60 * 60 * 1_000)

            offset.withLock { $0 = 24 * 60 * 60 * 1_000 - 60_000 }
            #expect(try await harness.download(url).status == 200)
            offset.withLock { $0 = 24 * 60 * 60 * 1_000 + 1 }
            #expect(try await harness.download(url).status == 410)
            #expect(FileManager.default.fileExists(atPath: harness.mediaFile(row.id)))

            let store = MediaStore(
                database: harness.database, directory: harness.config.media.resolvedDirectory(dataDirectory: harness.directory),
                baseURL: PublicBaseURL(configured: harness.baseURL, host: "", port: 0), clock: clock)
            let sweeper = MediaSweeper(store: store, settings: harness.config.media, logger: TestHarness.logger)
            #expect(await sweeper.sweep() == 1)
            #expect(try await harness.mediaRows().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: harness.mediaFile(row.id)))
            #expect(try await harness.download(url).status == 404)
            #expect(await sweeper.sweep() == 0)
        }
    }

    @Test(arguments: PostgresTestServer.engines) func aResultLinkToAPrivateAddressIsNotFetchedWhenPrivateSourcesAreRefused(engine: StoreDialect)
        async throws
    {
        try await TestHarness.run(configure: { $0.media.allowPrivateSources = false }, engine: engine) { harness in
            let key = try await harness.customerKey()
            let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"stay inside"}"#)
            let id = try #require(created.json?["id"]?.stringValue)
            let finished = try await harness.waitForEnd(id, key: key)
            // Refused for good: the task finishes at once, charged, with the upstream's own link.
            #expect(finished["state"] == "completed")
            let url = try #require(finished["assets"]?["video"]?.stringValue)
            #expect(url.hasPrefix("http://127.0.0.1:\(harness.emulators[0].port)/media/luma/"))
            #expect(harness.emulators[0].requestCount("GET /media/luma/{file}") == 0)
            #expect(try await harness.mediaRows().isEmpty)
            #expect(try await Self.storedTask(harness, id).mediaAttempts == 0)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
        }
    }
}
