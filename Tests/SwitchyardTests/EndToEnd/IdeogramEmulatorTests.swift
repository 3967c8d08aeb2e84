import Foundation
import Testing

@testable import Switchyard
import SwitchyardEmulator

/// The emulated Ideogram on its own: keys in `Api-Key`, Ideogram's validation and refusals, unsafe and magic-prompt
/// images, and image links that expire on the emulator clock.
@Suite struct IdeogramEmulatorTests {
    static let generate = #"{"image_request":{"prompt":"a bridge"}}"#

    func post(_ emulator: EmulatorServer, _ call: String, _ fields: [TestHarness.FormField], key: String = "k") async throws -> EmulatorClient.Answer
    {
        try await TestHarness.postForm(emulator.ideogramBaseURL + "/" + call, headers: [("Api-Key", key)], fields)
    }

    @Test func keysTravelInApiKeyAndAWrongOneIs401() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration(acceptedKeys: ["good"])) { emulator, _ in
            let client = EmulatorClient(rootURL: emulator.ideogramBaseURL)
            for headers in [[("Authorization", "Bearer good")], [("Api-Key", "bad")], []] {
                let refused = try await client.call(.POST, "/generate", key: nil, body: Self.generate, headers: headers)
                #expect(refused.status == 401, "\(headers)")
                #expect(refused.json?["detail"]?.stringValue?.isEmpty == false)
            }
            let answer = try await client.call(.POST, "/generate", key: nil, body: Self.generate, headers: [("Api-Key", "good")])
            #expect(answer.status == 200, "\(answer.body)")
            #expect(emulator.requestCount("POST /ideogram/generate") == 4)
        }
    }

    @Test func inputIsCheckedAsIdeogramChecksIt() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration()) { emulator, _ in
            let client = EmulatorClient(rootURL: emulator.ideogramBaseURL)
            for (body, status) in [
                (#"{}"#, 422), (#"{"image_request":{}}"#, 422), (#"{"image_request":{"prompt":"x","num_images":9}}"#, 422),
                (#"{"image_request":{"prompt":"x","model":"V_7"}}"#, 422),
                (#"{"image_request":{"prompt":"x","aspect_ratio":"ASPECT_1_1","resolution":"RESOLUTION_1024_1024"}}"#, 400),
            ] {
                let answer = try await client.call(.POST, "/generate", key: nil, body: body, headers: [("Api-Key", "k")])
                #expect(answer.status == status, "\(body): \(answer.body)")
                #expect(answer.json?["detail"]?.stringValue?.isEmpty == false, "\(body)")
            }
            let notAnImage = try await post(
                emulator, "remix",
                [.file("image_file", filename: "a.txt", type: "text/plain", bytes: Array("hi".utf8)), .text("image_request", "{}")])
            #expect(notAnImage.status == 400, "\(notAnImage.body)")
            let oldModel = try await post(
                emulator, "edit", [IdeogramUploads.image(), IdeogramUploads.mask(), .text("prompt", "x"), .text("model", "V_1")])
            #expect(oldModel.status == 422, "\(oldModel.body)")
            let noResolution = try await post(emulator, "v1/ideogram-v3/reframe", [IdeogramUploads.image("image")])
            #expect(noResolution.status == 422, "\(noResolution.body)")
        }
    }

    @Test func refusalsComeInIdeogramsWords() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration()) { emulator, _ in
            let client = EmulatorClient(rootURL: emulator.ideogramBaseURL)
            func generate(_ prompt: String) async throws -> EmulatorClient.Answer {
                try await client.call(.POST, "/generate", key: nil, body: #"{"image_request":{"prompt":"\#(prompt)"}}"#, headers: [("Api-Key", "k")])
            }
            let moderated = try await generate("x [fault:moderation]")
            #expect(moderated.status == 422)
            #expect(moderated.json?["error"] == "Prompt or provided image failed the safety checks")
            #expect(try await generate("x [fault:no-credits]").status == 402)
            #expect(try await generate("x [fault:invalid]").status == 400)
            let limited = try await generate("x [fault:429]")
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "Retry-After") == "1")
            let version3 = try await post(emulator, "v1/ideogram-v3/generate", [.text("prompt", "x [fault:moderation]")])
            #expect(version3.status == 422)
        }
    }

    @Test func unsafeImagesAreDeliveredAndMagicPromptRewritesThePrompt() async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration()) { emulator, _ in
            let client = EmulatorClient(rootURL: emulator.ideogramBaseURL)
            let unsafe = try await client.call(
                .POST, "/generate", key: nil, body: #"{"image_request":{"prompt":"a storm [unsafe]","num_images":2}}"#, headers: [("Api-Key", "k")])
            #expect(unsafe.json?["data"]?.arrayValue?.map { $0["is_image_safe"] } == [.bool(false), .bool(false)])
            let url = try #require(unsafe.json?["data"]?[0]?["url"]?.stringValue)
            #expect(try await client.call(.GET, url, key: nil).status == 200)
            let magic = try await post(emulator, "v1/ideogram-v3/generate", [.text("prompt", "a cat"), .text("magic_prompt", "ON")])
            let prompt = try #require(magic.json?["data"]?[0]?["prompt"]?.stringValue)
            #expect(prompt.hasPrefix("a cat, "))
            let described = try await post(emulator, "describe", [IdeogramUploads.image()])
            #expect(described.json?["descriptions"]?[0]?["text"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func imageLinksExpireOnTheEmulatorClock() async throws {
        let clock = EmulatorClock.manual()
        try await EmulatorClient.withEmulator(EmulatorConfiguration(clock: clock)) { emulator, _ in
            let client = EmulatorClient(rootURL: emulator.ideogramBaseURL)
            let answer = try await client.call(.POST, "/generate", key: nil, body: Self.generate, headers: [("Api-Key", "k")])
            #expect(answer.status == 200, "\(answer.body)")
            let url = try #require(answer.json?["data"]?[0]?["url"]?.stringValue)
            let image = try await client.call(.GET, url, key: nil)
            #expect(image.status == 200)
            #expect(image.headers.first(name: "Content-Type") == "image/png")
            #expect(image.bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            // A link whose expiry was edited no longer matches its signature.
            #expect(try await client.call(.GET, url.replacingOccurrences(of: "exp=", with: "exp=9"), key: nil).status == 403)
            clock.advance(bySeconds: 23 * 3600)
            #expect(try await client.call(.GET, url, key: nil).status == 200)
            clock.advance(bySeconds: 2 * 3600)
            let expired = try await client.call(.GET, url, key: nil)
            #expect(expired.status == 403)
            #expect(expired.json?["detail"] == "This link has expired")
        }
    }
}
