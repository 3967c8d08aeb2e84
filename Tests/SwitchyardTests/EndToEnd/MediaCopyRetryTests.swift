import Foundation
import Testing
@testable import Switchyard

/// When a finished result's files cannot all be copied: a transient failure is tried again on the next polls while
/// the task stays live and unsettled, each source is fetched once per task however often it appears or is
/// retried, and after the last attempt (or at once, for a file above the size cap) the task ends with the
/// upstream's link.
@Suite struct MediaCopyRetryTests {
    /// A Luma upstream whose generations complete at the first poll with `assets`, made the first Luma channel.
    func scriptedChannel(_ harness: TestHarness, assets: String) async throws -> ScriptedLumaUpstream {
        let upstream = await ScriptedLumaUpstream.start(assets: { _ in assets }) { _ in .state("completed") }
        try await ChannelStore(database: harness.database).add(
            .init(name: "scripted", family: "luma", baseURL: upstream.baseURL, credential: .init(key: "k"), models: ["ray-2"], priority: 1_000))
        return upstream
    }

    /// A poll lease longer than any copy here, even on a loaded machine: each poll's copies end before another
    /// poll may take the task, so the counts of reads and fetches are exact.
    static func longLease(_ config: inout GatewayConfig) {
        config.tasks.leaseMillis = 30_000
    }

    func finish(_ harness: TestHarness) async throws -> (id: String, generation: JSONValue) {
        let key = try await harness.customerKey()
        let created = try await harness.call(.POST, "/generations/video", key: key, body: #"{"prompt":"files"}"#)
        let id = try #require(created.json?["id"]?.stringValue, "\(created.body)")
        return (id, try await harness.waitForEnd(id, key: key))
    }

    func storedTask(_ harness: TestHarness, _ id: String) async throws -> TaskRecord {
        try #require(try await TaskStore(database: harness.database, clock: .wall).find(id: id))
    }

    @Test func aFileThatFailsOnceIsCopiedOnTheNextPollAndEachSourceIsFetchedOnce() async throws {
        let source = await MediaSource.start(failures: ["b.png": 1])
        try await TestHarness.run(emulators: [], configure: Self.longLease) { harness in
            let assets = #"{"video":"\#(source.url("a.png"))","image":"\#(source.url("b.png"))","thumbnail":"\#(source.url("a.png"))"}"#
            let upstream = try await scriptedChannel(harness, assets: assets)
            let (id, generation) = try await finish(harness)
            #expect(generation["state"] == "completed")
            let video = try #require(generation["assets"]?["video"]?.stringValue)
            let image = try #require(generation["assets"]?["image"]?.stringValue)
            #expect(video.hasPrefix(harness.mediaPrefix) && image.hasPrefix(harness.mediaPrefix))
            // The same source twice in one result is one copy, and a retry does not fetch what it already has.
            #expect(generation["assets"]?["thumbnail"]?.stringValue == video)
            #expect(video != image)
            #expect(source.requests(of: "a.png") == 1)
            #expect(source.requests(of: "b.png") == 2)
            #expect(try await harness.mediaRows().count == 2)
            // One poll was spent waiting for the file; the task settled once, after it.
            #expect(upstream.reads(of: "scripted-1") == 2)
            #expect(try await storedTask(harness, id).mediaAttempts == 1)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            #expect(try await harness.download(image).bytes == MediaSource.bytes)
            await upstream.stop()
        }
        await source.stop()
    }

    @Test func aFileThatNeverCopiesKeepsTheUpstreamLinkAfterTheLastAttempt() async throws {
        let source = await MediaSource.start(failures: ["gone.png": 1_000])
        try await TestHarness.run(
            emulators: [],
            configure: {
                Self.longLease(&$0)
                $0.media.copyAttempts = 3
            }
        ) { harness in
            let upstream = try await scriptedChannel(harness, assets: #"{"image":"\#(source.url("gone.png"))"}"#)
            let (id, generation) = try await finish(harness)
            #expect(generation["state"] == "completed")
            #expect(generation["assets"]?["image"]?.stringValue == source.url("gone.png"))
            #expect(source.requests(of: "gone.png") == 3)
            #expect(try await storedTask(harness, id).mediaAttempts == 2)
            #expect(try await harness.mediaRows().isEmpty)
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            await upstream.stop()
        }
        await source.stop()
    }

    @Test func aFileAboveTheSizeCapIsNotKeptAndNotTriedAgain() async throws {
        let source = await MediaSource.start()
        try await TestHarness.run(
            emulators: [],
            configure: {
                Self.longLease(&$0)
                $0.media.maxBytes = 100_000
            }
        ) { harness in
            let upstream = try await scriptedChannel(harness, assets: #"{"video":"\#(source.url("big.mp4"))"}"#)
            let (id, generation) = try await finish(harness)
            #expect(generation["state"] == "completed")
            #expect(generation["assets"]?["video"]?.stringValue == source.url("big.mp4"))
            #expect(source.requests(of: "big.mp4") == 1)
            #expect(try await harness.mediaRows().isEmpty)
            // Nothing of the partial download is left on disk.
            let directory = harness.config.media.resolvedDirectory(dataDirectory: harness.directory)
            let files = FileManager.default.enumerator(atPath: directory)?.allObjects.compactMap { $0 as? String } ?? []
            #expect(files.allSatisfy { $0.count == 2 }, "\(files)")
            #expect(try await harness.ledger(id).map(\.kind) == ["hold", "settle"])
            await upstream.stop()
        }
        await source.stop()
    }
}
