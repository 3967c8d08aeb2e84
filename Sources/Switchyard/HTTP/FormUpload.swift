import Foundation
import MultipartKit
import NIOCore
import NIOHTTP1

/// A `multipart/form-data` body read with a real parser: its parts in order, each with its name, file name, type
/// and bytes. Task families that take uploads keep the form in the task (`stored`) and send it upstream again
/// (`UpstreamRequest.multipart`), so an upload survives a restart like any other task.
public struct FormUpload: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var name: String
        /// Set for file parts.
        public var filename: String?
        public var contentType: String?
        public var bytes: [UInt8]

        public init(name: String, filename: String? = nil, contentType: String? = nil, bytes: [UInt8]) {
            self.name = name
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }

        /// The part's bytes as text (form fields).
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Parses `bytes` sent with `contentType`; a missing or bad boundary, or a form that does not parse, is a 400.
    public static func parse(_ bytes: [UInt8], contentType: String?) throws -> FormUpload {
        guard let boundary = contentType.flatMap(Self.boundary(of:)) else {
            throw GatewayError.invalidRequest("Content-Type must be multipart/form-data with a boundary")
        }
        var parts: [Part] = []
        var current: Part?
        var malformed = false
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { field, value in
            if current == nil { current = Part(name: "", bytes: []) }
            switch field.lowercased() {
            case "content-disposition":
                current?.name = Self.parameter("name", of: value) ?? ""
                current?.filename = Self.parameter("filename", of: value)
            case "content-type": current?.contentType = value
            default: break
            }
        }
        parser.onBody = { buffer in
            if current == nil { current = Part(name: "", bytes: []) }
            current?.bytes.append(contentsOf: buffer.readableBytesView)
        }
        parser.onPartComplete = {
            if let part = current, !part.name.isEmpty { parts.append(part) } else { malformed = true }
            current = nil
        }
        do {
            try parser.execute(bytes)
        } catch {
            throw GatewayError.invalidRequest("Request body is not a valid multipart form")
        }
        guard !malformed, !parts.isEmpty else { throw GatewayError.invalidRequest("Request body is not a valid multipart form") }
        return FormUpload(parts: parts)
    }

    /// Every part named `name`.
    public func all(_ name: String) -> [Part] { parts.filter { $0.name == name } }

    /// The one part named `name`; nil when absent, a 400 naming the field when it appears more than once.
    public func one(_ name: String) throws -> Part? {
        let found = all(name)
        guard found.count <= 1 else { throw GatewayError.validation(field: name, "appears more than once in the form") }
        return found.first
    }

    /// The one text field `name`, trimmed; nil when absent or empty.
    public func text(_ name: String) throws -> String? {
        guard let value = try one(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The one file part `name`; a 400 naming it when it is missing, empty or repeated.
    public func requiredFile(_ name: String) throws -> Part {
        guard let part = try one(name), !part.bytes.isEmpty else { throw GatewayError.validation(field: name, "is required (a file)") }
        return part
    }

    /// The form as JSON for a task's stored upstream body: file bytes in base64.
    public var stored: JSONValue {
        .array(
            parts.map { part in
                var object: JSONObject = ["name": .string(part.name), "base64": .string(Data(part.bytes).base64EncodedString())]
                if let filename = part.filename { object["filename"] = .string(filename) }
                if let contentType = part.contentType { object["content_type"] = .string(contentType) }
                return .object(object)
            })
    }

    /// The form `stored` wrote; nil when `value` is not one.
    public init?(stored value: JSONValue?) {
        guard case .array(let items)? = value else { return nil }
        var parts: [Part] = []
        for item in items {
            guard let name = item["name"]?.stringValue, let base64 = item["base64"]?.stringValue, let data = Data(base64Encoded: base64) else {
                return nil
            }
            parts.append(
                Part(name: name, filename: item["filename"]?.stringValue, contentType: item["content_type"]?.stringValue, bytes: Array(data)))
        }
        self.parts = parts
    }

    /// The form encoded with `boundary`.
    func encoded(boundary: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        for part in parts {
            buffer.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(part.name))\"")
            if let filename = part.filename { buffer.writeString("; filename=\"\(Self.quoted(filename))\"") }
            buffer.writeString("\r\n")
            if let contentType = part.contentType { buffer.writeString("Content-Type: \(contentType.filter { $0 != "\r" && $0 != "\n" })\r\n") }
            buffer.writeString("\r\n")
            buffer.writeBytes(part.bytes)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }

    /// A header parameter value with what would end or break the quoted string removed.
    private static func quoted(_ value: String) -> String { value.filter { $0 != "\"" && $0 != "\r" && $0 != "\n" } }

    /// The `boundary` parameter of a multipart content type, unquoted; nil when absent, empty or too long.
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = part.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return (1...70).contains(value.count) ? String(value) : nil
        }
        return nil
    }

    /// `name` in `form-data; name="model"; filename="a.mp3"`.
    static func parameter(_ parameter: String, of header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix(parameter + "=") else { continue }
            var value = trimmed.dropFirst(parameter.count + 1)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return String(value)
        }
        return nil
    }
}

extension UpstreamRequest {
    /// A multipart call carrying `form`, with a fresh boundary.
    public static func multipart(_ method: HTTPMethod, _ path: String, form: FormUpload) -> UpstreamRequest {
        let boundary = "switchyard-" + UUID().uuidString
        return UpstreamRequest(
            method: method, path: path, headers: ["Accept": "application/json", "Content-Type": "multipart/form-data; boundary=\(boundary)"],
            body: form.encoded(boundary: boundary))
    }
}
