import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Switchyard
import SwitchyardEmulator
import Testing

/// The Recraft emulator on its own: Recraft's validation and error shape, images a viewer opens, styles owned by
/// the key that made them, and the prompt markers of Recraft's refusals.
@Suite struct RecraftEmulatorTests {
    static func withRecraft(_ body: (EmulatorServer, EmulatorClient) async throws -> Void) async throws {
        try await EmulatorClient.withEmulator(EmulatorConfiguration(stepSeconds: 0.05), body)
    }

    static let generations = "/recraft/v1/images/generations"

    /// A multipart call straight to the emulator.
    static func form(_ emulator: EmulatorServer, _ path: String, key: String = "upstream-key", parts: [RecraftPart], headers: [(String, String)] = [])
        async throws -> EmulatorClient.Answer
    {
        let boundary = "emulator-test"
        var body = ByteBuffer()
        for part in parts {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"")
            if let filename = part.filename { body.writeString("; filename=\"\(filename)\"") }
            body.writeString("\r\n\r\n")
            body.writeBytes(part.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var request = HTTPClientRequest(url: emulator.recraftBaseURL + path)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(body)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return EmulatorClient.Answer(status: Int(response.status.code), headers: response.headers, bytes: Array(bytes.readableBytesView))
    }

    @Test func aGenerationAnswersImagesItServes() async throws {
        try await Self.withRecraft { _, client in
            let answer = try await client.call(.POST, Self.generations, body: #"{"prompt":"a fox","n":3,"style":"vector_illustration"}"#)
            #expect(answer.status == 200, "\(answer.body)")
            let images = try #require(answer.json?["data"]?.arrayValue)
            #expect(images.count == 3)
            #expect(Set(images.compactMap { $0["image_id"]?.stringValue }).count == 3)
            let file = try await client.call(.GET, try #require(images[0]["url"]?.stringValue), key: nil)
            #expect(file.status == 200)
            #expect(file.headers.first(name: "content-type") == "image/svg+xml")
            #expect(RecraftImages.isSVG(file.bytes))
            let raster = try await client.call(.POST, Self.generations, body: #"{"prompt":"a fox"}"#)
            let webp = try await client.call(.GET, try #require(raster.json?["data"]?[0]?["url"]?.stringValue), key: nil)
            #expect(RecraftImages.webPSize(webp.bytes)?.width == 64)
        }
    }

    @Test(arguments: [
        (#"{"n":1}"#, "prompt"), (#"{"prompt":"x","n":7}"#, "n"), (#"{"prompt":"x","model":"v9"}"#, "model"),
        (#"{"prompt":"x","style":"icon"}"#, "style"), (#"{"prompt":"x","model":"recraftv2","style":"icon","substyle":"hdr"}"#, "substyle"),
        (#"{"prompt":"x","size":"5x5"}"#, "size"), (#"{"prompt":"x","controls":{"artistic_level":9}}"#, "controls.artistic_level"),
        (#"{"prompt":"x","style":"any","style_id":"s"}"#, "style"), (#"{"prompt":"x","response_format":"gif"}"#, "response_format"),
    ])
    func badGenerationsAre400sInRecraftsShape(body: String, field: String) async throws {
        try await Self.withRecraft { _, client in
            let answer = try await client.call(.POST, Self.generations, body: body)
            #expect(answer.status == 400, "\(answer.body)")
            #expect(answer.json?["code"] == "invalid_request")
            #expect(answer.json?["message"]?.stringValue?.hasPrefix(field) == true, "\(answer.body)")
        }
    }

    @Test func aStyleBelongsToTheKeyThatMadeIt() async throws {
        try await Self.withRecraft { emulator, client in
            let created = try await Self.form(emulator, "/styles", parts: [.field("style", "icon"), .file("files")])
            #expect(created.status == 200, "\(created.body)")
            let id = try #require(created.json?["id"]?.stringValue)
            let mine = try await client.call(.POST, Self.generations, body: #"{"prompt":"x","model":"recraftv2","style_id":"\#(id)"}"#)
            #expect(mine.status == 200, "\(mine.body)")
            #expect(mine.json?["data"]?[0]?["url"]?.stringValue?.hasSuffix(".svg") == true)
            let theirs = try await client.call(.POST, Self.generations, key: "other-key", body: #"{"prompt":"x","style_id":"\#(id)"}"#)
            #expect(theirs.status == 404)
            #expect(theirs.json?["code"] == "not_found")
        }
    }

    @Test func refusalsFollowThePromptMarkersAndTheFaultHeader() async throws {
        try await Self.withRecraft { emulator, client in
            let moderated = try await client.call(.POST, Self.generations, body: #"{"prompt":"x [recraft:moderation]"}"#)
            #expect(moderated.status == 400)
            #expect(moderated.json?["code"] == "prompt_moderated")
            let broke = try await client.call(.POST, Self.generations, body: #"{"prompt":"x [recraft:no-credits]"}"#)
            #expect(broke.status == 402)
            #expect(broke.json?["code"] == "not_enough_credits")
            let limited = try await Self.form(
                emulator, "/images/inpaint", parts: [.file("image"), .file("mask"), .field("prompt", "x [fault:429]")])
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "retry-after") == "1")
            #expect(limited.json?["code"] == "rate_limit_exceeded")
            let failing = try await Self.form(emulator, "/images/vectorize", parts: [.file()], headers: [("X-Emulator-Fault", "500")])
            #expect(failing.status == 500)
            #expect(failing.json?["code"] == "internal_error")
            let anonymous = try await client.call(.POST, Self.generations, key: nil, body: #"{"prompt":"x"}"#)
            #expect(anonymous.status == 401)
            #expect(anonymous.json?["code"] == "unauthorized")
        }
    }
}
