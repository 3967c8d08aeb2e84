import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// OpenAI's `POST /v1/images/generations` naming a model a task family serves (Flux here): the call becomes the
/// family's task, charged the family's price, and answers in OpenAI's shape once the task has ended.
@Suite struct OpenAIImageBridgeTests {
    /// Waits long enough for a task on a busy machine: the bridge waits within the upstream timeout, which the
    /// harness keeps short for its other calls.
    static let patient: @Sendable (inout GatewayConfig) -> Void = { $0.upstream.requestTimeoutMillis = 20_000 }

    static func generate(_ harness: TestHarness, _ body: String, key: String) async throws -> TestHarness.Answer {
        try await harness.call(.POST, harness.baseURL + "/v1/images/generations", key: key, body: body)
    }

    @Test func aFluxModelAnswersWithAURLAndIsChargedFluxsPrice() async throws {
        try await TestHarness.run(configure: Self.patient) { harness in
            let key = try await harness.customerKey()
            let before = Int(Date().timeIntervalSince1970)
            let answer = try await Self.generate(harness, #"{"model":"flux-pro-1.1","prompt":"a red fox","size":"1024x1024"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let created = try #require(answer.json?["created"]?.intValue)
            #expect(created >= before - 1 && created <= Int(Date().timeIntervalSince1970) + 1)
            let data = try #require(answer.json?["data"]?.arrayValue)
            #expect(data.count == 1)
            let url = try #require(data.first?["url"]?.stringValue, "\(answer.body)")
            let image = try await harness.download(url)
            #expect(image.status == 200)
            #expect(Array(image.bytes.prefix(3)) == ImageMagic.jpeg)
            // Charged as the Flux task it was: Flux's price for the model, held then settled.
            #expect(try await harness.ledgerKinds() == ["hold", "settle"])
            let price = try #require(FluxPrices.usd.first { $0.model == "flux-pro-1.1" }.flatMap { Money.parseDollars($0.usd) })
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == price)
            #expect(token.heldMicros == 0)
            // The task is the customer's own Flux task, with the size as Flux's width and height.
            let task = try #require(try await harness.database.read.raw("SELECT id, request FROM tasks").first())
            let request = JSONValue.parse(try task.decode(column: "request", as: String.self).utf8)
            #expect(request?["width"] == 1024 && request?["height"] == 1024, "\(request?.encoded() ?? "")")
            let id = try task.decode(column: "id", as: String.self)
            #expect(try await harness.fluxResult(id, key: key).json?["status"] == "Ready")
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func b64JSONCarriesTheImageBytes() async throws {
        try await TestHarness.run(configure: Self.patient) { harness in
            let key = try await harness.customerKey()
            let answer = try await Self.generate(
                harness, #"{"model":"flux-kontext-pro","prompt":"a red fox","size":"1792x1024","response_format":"b64_json"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let encoded = try #require(answer.json?["data"]?[0]?["b64_json"]?.stringValue, "\(answer.body)")
            let bytes = try #require(Data(base64Encoded: encoded))
            #expect(Array(bytes.prefix(3)) == ImageMagic.jpeg)
            #expect(answer.json?["data"]?[0]?["url"] == nil)
            // Kontext takes an aspect ratio: 1792x1024 is 7:4.
            let task = try #require(try await harness.database.read.raw("SELECT request FROM tasks").first())
            #expect(JSONValue.parse(try task.decode(column: "request", as: String.self).utf8)?["aspect_ratio"] == "7:4")
            #expect(try await harness.ledgerKinds() == ["hold", "settle"])
        }
    }

    @Test func aRecraftModelAnswersB64JSONFromItsStoredImage() async throws {
        try await TestHarness.run(configure: Self.patient) { harness in
            let key = try await harness.customerKey()
            let answer = try await Self.generate(harness, #"{"model":"recraftv3","prompt":"a red fox","response_format":"b64_json"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let encoded = try #require(answer.json?["data"]?[0]?["b64_json"]?.stringValue, "\(answer.body)")
            let bytes = try #require(Data(base64Encoded: encoded))
            #expect(Array(bytes.prefix(4)) == Array("RIFF".utf8))
            #expect(try await harness.ledgerKinds() == ["hold", "settle"])
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func b64JSONReadsFromTheChannelsOwnHostEvenWhenPrivateTargetsAreRefused() async throws {
        try await TestHarness.run(configure: {
            Self.patient(&$0)
            $0.callbacks.allowPrivateTargets = false
        }) { harness in
            let key = try await harness.customerKey()
            let answer = try await Self.generate(
                harness, #"{"model":"flux-2-pro","prompt":"a red fox","response_format":"b64_json"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let encoded = try #require(answer.json?["data"]?[0]?["b64_json"]?.stringValue, "\(answer.body)")
            #expect(Data(base64Encoded: encoded).map { Array($0.prefix(3)) } == ImageMagic.jpeg)
        }
    }

    /// The result links to the gateway's public URL, which the gateway itself may not reach (here a name that does
    /// not resolve) and whose loopback address the SSRF guard refuses: the bytes come from the media store.
    @Test func b64JSONReadsTheMediaCopyFromTheStoreNotOverHTTP() async throws {
        try await TestHarness.run(configure: {
            Self.patient(&$0)
            $0.publicURL = "https://gateway.invalid"
            $0.callbacks.allowPrivateTargets = false
        }) { harness in
            let key = try await harness.customerKey()
            let answer = try await Self.generate(
                harness, #"{"model":"flux-2-pro","prompt":"a red fox","response_format":"b64_json"}"#, key: key)
            #expect(answer.status == 200, "\(answer.body)")
            let encoded = try #require(answer.json?["data"]?[0]?["b64_json"]?.stringValue, "\(answer.body)")
            let bytes = try #require(Data(base64Encoded: encoded))
            #expect(Array(bytes.prefix(3)) == ImageMagic.jpeg)
            let row = try #require(try await harness.database.read.raw("SELECT result FROM tasks").first())
            let result = try row.decode(column: "result", as: String.self)
            #expect(result.contains("https://gateway.invalid/media/"), "\(result)")
            let media = try #require(try await harness.database.read.raw("SELECT size FROM media").first())
            #expect(try media.decode(column: "size", as: Int.self) == bytes.count)
            #expect(try await harness.ledgerKinds() == ["hold", "settle"])
        }
    }

    @Test(arguments: ["[moderation:request]", "[moderation:content]", "[fault:fail]"])
    func aTaskThatEndsWithoutAnImageIsAnOpenAIErrorAndRefunded(marker: String) async throws {
        try await TestHarness.run(configure: Self.patient) { harness in
            let key = try await harness.customerKey()
            let answer = try await Self.generate(harness, #"{"model":"flux-pro-1.1","prompt":"a fox \#(marker)"}"#, key: key)
            #expect(answer.status == (marker.hasPrefix("[moderation") ? 400 : 502), "\(answer.body)")
            let message = try #require(answer.json?["error"]?["message"]?.stringValue, "\(answer.body)")
            #expect(answer.json?["error"]?["type"]?.stringValue?.isEmpty == false)
            #expect(message.contains("Nothing was charged"))
            if marker.hasPrefix("[moderation") { #expect(message.contains("moderation")) }
            try await expectSteady { try await harness.ledgerKinds() == ["hold", "refund"] }
            let token = try await harness.token(forKey: key)
            #expect(token.usedMicros == 0 && token.heldMicros == 0)
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func aWaitPastTheTimeoutIs504AndTheTaskIsStillSettled() async throws {
        let clock = EmulatorClock.manual()
        try await TestHarness.run(
            emulators: [EmulatorConfiguration(stepSeconds: 1, clock: clock)], configure: { $0.upstream.requestTimeoutMillis = 400 }
        ) {
            harness in
            let key = try await harness.customerKey()
            let answer = try await Self.generate(harness, #"{"model":"flux-dev","prompt":"patience"}"#, key: key)
            #expect(answer.status == 504, "\(answer.body)")
            #expect(answer.json?["error"]?["message"]?.stringValue?.contains("keeps running") == true, "\(answer.body)")
            #expect(try await harness.ledgerKinds() == ["hold"])
            // The upstream finishes later; the engine settles the task as any other.
            clock.advance(bySeconds: 10)
            try await waitUntil { try await harness.ledgerKinds() == ["hold", "settle"] }
            try await harness.expectLedgerBalanced()
        }
    }

    @Test func inputTheBridgeCannotServeIsA400AndChargesNothing() async throws {
        try await TestHarness.run { harness in
            let key = try await harness.customerKey()
            let bodies = [
                #"{"model":"flux-pro-1.1","prompt":"two foxes","n":2}"#, #"{"model":"flux-pro-1.1"}"#,
                #"{"model":"flux-pro-1.1","prompt":"x","size":"big"}"#, #"{"model":"flux-pro-1.1","prompt":"x","response_format":"gif"}"#,
                #"{"model":"flux-pro-1.0-fill","prompt":"needs an image"}"#,
            ]
            for body in bodies {
                let answer = try await Self.generate(harness, body, key: key)
                #expect(answer.status == 400, "\(body): \(answer.body)")
                #expect(answer.json?["error"]?["message"]?.stringValue?.isEmpty == false, "\(body): \(answer.body)")
            }
            #expect(try await harness.ledgerKinds().isEmpty)
            // OpenAI's own models are still relayed to OpenAI channels.
            let openAI = try await Self.generate(harness, #"{"model":"dall-e-3","prompt":"a fox"}"#, key: key)
            #expect(openAI.status == 200, "\(openAI.body)")
        }
    }
}
