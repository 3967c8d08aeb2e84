import AsyncHTTPClient
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import NIOCore
import NIOHTTP1
import Testing

@testable import Switchyard

/// Recraft calls for end-to-end tests: JSON generations, multipart tools and styles, and the images they answer.
extension TestHarness {
    var recraftURL: String { baseURL + "/recraft/v1" }

    /// `POST /recraft/v1/images/generations` with `body`.
    func recraftGenerate(_ body: String, key: String?) async throws -> Answer {
        try await call(.POST, recraftURL + "/images/generations", key: key, body: body)
    }

    /// A multipart `POST /recraft/v1/<path>` with `parts` (file parts carry a file name and bytes).
    func recraftForm(_ path: String, key: String?, parts: [RecraftPart]) async throws -> Answer {
        let boundary = "recraft-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for part in parts {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"")
            if let filename = part.filename { body.writeString("; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream") }
            body.writeString("\r\n\r\n")
            body.writeBytes(part.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var request = HTTPClientRequest(url: recraftURL + path)
        request.method = .POST
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        request.headers.add(name: "Content-Type", value: "multipart/form-data; boundary=\(boundary)")
        request.body = .bytes(body)
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }
}

/// One part of a multipart test form.
struct RecraftPart: Sendable {
    let name: String
    var filename: String?
    let bytes: [UInt8]

    /// A text field.
    static func field(_ name: String, _ value: String) -> RecraftPart { RecraftPart(name: name, bytes: Array(value.utf8)) }
    /// A file: by default a tiny real PNG, as a customer uploads one.
    static func file(_ name: String = "file", bytes: [UInt8] = RecraftImages.uploadPNG) -> RecraftPart {
        RecraftPart(name: name, filename: "\(name).png", bytes: bytes)
    }
}

/// Checks of the image formats Recraft answers, by their headers.
enum RecraftImages {
    /// A 1x1 RGB PNG (what the tests upload).
    static let uploadPNG: [UInt8] = Array(
        Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC")!)

    /// A RIFF container of WebP data, with its VP8 chunk and a frame of `width` x `height` pixels.
    static func webPSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count > 30, Array(bytes[0..<4]) == Array("RIFF".utf8), Array(bytes[8..<12]) == Array("WEBP".utf8),
            Array(bytes[12..<16]) == Array("VP8 ".utf8),
            // A VP8 key frame's start code, then 14-bit width and height.
            bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A
        else { return nil }
        return (Int(bytes[26]) | Int(bytes[27] & 0x3F) << 8, Int(bytes[28]) | Int(bytes[29] & 0x3F) << 8)
    }

    /// A PNG's width, height and color type from its IHDR chunk (6 is RGBA: it has transparency).
    static func pngHeader(_ bytes: [UInt8]) -> (width: Int, height: Int, colorType: UInt8)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count > 26, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        let integer = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (integer(16), integer(20), bytes[25])
    }

    /// Whether `bytes` are an SVG document that XML parsing accepts, with an `svg` root element.
    static func isSVG(_ bytes: [UInt8]) -> Bool {
        let parser = XMLParser(data: Data(bytes))
        let root = RootElement()
        parser.delegate = root
        return parser.parse() && root.name == "svg"
    }

    private final class RootElement: NSObject, XMLParserDelegate {
        var name: String?
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            if name == nil { name = elementName }
        }
    }
}
