import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// Custom Recraft styles: the id is Switchyard's, usable only by its owner (anyone else gets a 404 in Recraft's
/// shape before anything is sent or held), translated to the upstream's id on the channel that made it, and a
/// vector style prices and answers its images as vector ones.
@Suite struct RecraftStyleTests {
    @Test func aStyleIsTheOwnersAndTranslatedToTheUpstreamsID() async throws {
        try await TestHarness.run { harness in
            let alice = try await harness.customerKey(quota: "1.00")
            let bob = try await harness.customerKey(quota: "1.00")
            let created = try await harness.recraftForm(
                "/styles", key: alice, parts: [.field("style", "vector_illustration"), .file("files"), .file("files")])
            #expect(created.status == 200, "\(created.body)")
            let styleID = try #require(created.json?["id"]?.stringValue)
            #expect(try await harness.token(forKey: alice).usedMicros == 40_000)
            // The id the customer holds is the gateway's own, not the upstream's.
            let artifact = try #require(
                try await ArtifactStore(database: harness.database, clock: .wall).find(
                    publicID: styleID, ownedBy: try await harness.token(forKey: alice).id, kind: "style"))
            #expect(artifact.upstreamID != styleID)

            let used = try await harness.recraftGenerate(#"{"prompt":"a kite","style_id":"\#(styleID)"}"#, key: alice)
            #expect(used.status == 200, "\(used.body)")
            let svg = try await harness.download(try #require(used.json?["data"]?[0]?["url"]?.stringValue))
            #expect(RecraftImages.isSVG(svg.bytes))
            // A vector style's images are priced as vector images.
            #expect(try await harness.token(forKey: alice).usedMicros == 120_000)

            let edit = try await harness.recraftForm(
                "/images/imageToImage", key: alice,
                parts: [.file("image"), .field("prompt", "a kite"), .field("strength", "0.2"), .field("style_id", styleID)])
            #expect(edit.status == 200, "\(edit.body)")
            #expect(try await harness.token(forKey: alice).usedMicros == 200_000)

            let generations = harness.emulators[0].requestCount("POST /recraft/v1/images/generations")
            let stolen = try await harness.recraftGenerate(#"{"prompt":"a kite","style_id":"\#(styleID)"}"#, key: bob)
            #expect(stolen.status == 404, "\(stolen.body)")
            #expect(stolen.json?["code"] == "not_found")
            #expect(stolen.json?["message"]?.stringValue == "Style \(styleID) not found")
            let stolenEdit = try await harness.recraftForm(
                "/images/replaceBackground", key: bob, parts: [.file("image"), .field("prompt", "x"), .field("style_id", styleID)])
            #expect(stolenEdit.status == 404)
            #expect(harness.emulators[0].requestCount("POST /recraft/v1/images/generations") == generations)
            let bobToken = try await harness.token(forKey: bob)
            #expect(bobToken.usedMicros == 0)
            #expect(bobToken.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aGenerationWithAStyleGoesToTheChannelThatMadeTheStyle() async throws {
        try await TestHarness.run(emulators: TaskReferenceTests.twoUpstreams) { harness in
            let key = try await harness.customerKey(quota: "1.00")
            let created = try await TaskReferenceTests.onSecondChannel(harness, family: "recraft") {
                try await harness.recraftForm("/styles", key: key, parts: [.field("style", "digital_illustration"), .file("files")])
            }
            #expect(created.status == 200, "\(created.body)")
            let styleID = try #require(created.json?["id"]?.stringValue)
            #expect(harness.emulators[1].requestCount("POST /recraft/v1/styles") == 1)

            // Without a style the preferred first channel draws; with one, the channel that knows the style does.
            let plain = try await harness.recraftGenerate(#"{"prompt":"a boat"}"#, key: key)
            #expect(plain.status == 200, "\(plain.body)")
            #expect(harness.emulators[0].requestCount("POST /recraft/v1/images/generations") == 1)
            let styled = try await harness.recraftGenerate(#"{"prompt":"a boat","style_id":"\#(styleID)"}"#, key: key)
            #expect(styled.status == 200, "\(styled.body)")
            #expect(harness.emulators[1].requestCount("POST /recraft/v1/images/generations") == 1)
            #expect(harness.emulators[0].requestCount("POST /recraft/v1/images/generations") == 1)
            // Two raster images and the style.
            #expect(try await harness.token(forKey: key).usedMicros == 120_000)
        }
    }
}
