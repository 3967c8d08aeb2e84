import Foundation
import NIOCore

/// Reads a `multipart/form-data` body far enough to find its fields and uploaded files (audio transcription).
struct EmulatorMultipart: Sendable {
    /// One part of the body.
    struct Part: Sendable {
        /// The form field name (`Content-Disposition: form-data; name="…"`).
        let name: String
        /// The uploaded file's name, nil for a plain field.
        let filename: String?
        /// The part's content.
        let body: [UInt8]

        /// The content as text.
        var text: String {
            String(decoding: body, as: UTF8.self)
        }
    }

    /// The parts, in order.
    let parts: [Part]

    /// Parses `body` sent with `contentType`; nil when the type is not multipart/form-data with a boundary or the
    /// body does not follow it.
    init?(_ body: ByteBuffer, contentType: String?) {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty
        else { return nil }
        let bytes = Array(body.readableBytesView)
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var position = Self.find(delimiter, in: bytes, from: 0) else { return nil }
        while true {
            position += delimiter.count
            // "--" after a delimiter ends the body.
            if bytes[position...].starts(with: "--".utf8) { break }
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: position),
                let next = Self.find(delimiter, in: bytes, from: headerEnd + 4)
            else { return nil }
            let headers = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
            // The part's content ends with the CRLF that precedes the next delimiter.
            let contentEnd = next >= headerEnd + 6 ? next - 2 : headerEnd + 4
            if let disposition = Self.disposition(in: headers), let name = Self.parameter("name", in: disposition) {
                parts.append(
                    Part(
                        name: name, filename: Self.parameter("filename", in: disposition),
                        body: Array(bytes[(headerEnd + 4)..<contentEnd])))
            }
            position = next
        }
        self.parts = parts
    }

    /// The first part named `name`.
    func part(_ name: String) -> Part? {
        parts.first { $0.name == name }
    }

    /// The value of the `Content-Disposition` header among a part's `headers`.
    private static func disposition(in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") {
            let pieces = line.split(separator: ":", maxSplits: 1)
            if pieces.count == 2, pieces[0].lowercased() == "content-disposition" { return String(pieces[1]) }
        }
        return nil
    }

    /// The value of `; name=value` (quoted or not) in a header value.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }
        return nil
    }

    /// The first offset at or after `start` where `needle` occurs in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
