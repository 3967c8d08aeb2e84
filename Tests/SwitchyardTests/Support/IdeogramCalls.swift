import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import Switchyard
@testable import SwitchyardEmulator

/// Ideogram calls for end-to-end tests: JSON and multipart posts to the gateway, and image downloads.
extension TestHarness {
    /// One field of a multipart form: text, or a file with its bytes.
    enum FormField {
        case text(String, String)
        case file(String, filename: String, type: String, bytes: [UInt8])
    }

    /// `POST path` with a multipart form made of `fields`.
    func postForm(_ path: String, key: String?, _ fields: [FormField]) async throws -> Answer {
        let answer = try await Self.postForm(
            baseURL + path, headers: key.map { [("Authorization", "Bearer \($0)")] } ?? [], fields, client: client)
        return Answer(status: answer.status, headers: answer.headers, body: answer.body)
    }

    /// `POST url` with a multipart form made of `fields` and extra `headers`.
    static func postForm(
        _ url: String, headers: [(String, String)], _ fields: [FormField], client: HTTPClient = .shared
    ) async throws -> EmulatorClient.Answer {
        let boundary = "test-" + UUID().uuidString
        var body = ByteBuffer()
        for field in fields {
            body.writeString("--\(boundary)\r\n")
            switch field {
            case .text(let name, let value):
                body.writeString("Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
            case .file(let name, let filename, let type, let bytes):
                body.writeString("Content-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\nContent-Type: \(type)\r\n\r\n")
                body.writeBytes(bytes)
                body.writeString("\r\n")
            }
        }
        body.writeString("--\(boundary)--\r\n")
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(body)
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return EmulatorClient.Answer(status: Int(response.status.code), headers: response.headers, bytes: Array(bytes.readableBytesView))
    }

    /// `POST /ideogram/generate` with `imageRequest` (the members of `image_request`, as JSON text).
    func ideogramGenerate(_ imageRequest: String, key: String) async throws -> Answer {
        try await call(.POST, baseURL + "/ideogram/generate", key: key, body: #"{"image_request":"# + imageRequest + "}")
    }

    /// Waits until the key has spent `micros` and holds nothing.
    func expectSpent(_ micros: Int64, key: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        var token = try await self.token(forKey: key)
        try await waitUntil {
            token = try await self.token(forKey: key)
            return token.usedMicros == micros && token.heldMicros == 0
        }
        #expect(token.usedMicros == micros, sourceLocation: sourceLocation)
        #expect(token.heldMicros == 0, sourceLocation: sourceLocation)
    }
}

/// Real images to upload: the emulator's own PNG and JPEG.
enum IdeogramUploads {
    static let png = Array(EmbeddedMedia.imagePNG)
    static let jpeg = Array(EmbeddedMedia.imageJPEG)

    static func image(_ name: String = "image_file") -> TestHarness.FormField {
        .file(name, filename: "photo.png", type: "image/png", bytes: png)
    }

    static func mask(_ name: String = "mask") -> TestHarness.FormField {
        .file(name, filename: "mask.jpg", type: "image/jpeg", bytes: jpeg)
    }
}

/// The images of an Ideogram answer.
func ideogramImages(_ answer: TestHarness.Answer) -> [JSONValue] {
    answer.json?["data"]?.arrayValue ?? []
}
