import Foundation

/// Typed reads of an Ideogram multipart form: text fields with their enums and bounds, image files checked to be
/// JPEG, PNG or WebP by their bytes (as Ideogram checks them), and the form rebuilt from what was validated so that
/// only known fields go upstream.
struct IdeogramForm: Sendable {
    let form: FormUpload
    /// The validated parts to send upstream, in order.
    private(set) var upstream: [FormUpload.Part] = []
    /// What the customer sees of the call: text fields and a summary of each file.
    private(set) var echo = JSONObject()

    init(_ form: FormUpload) { self.form = form }

    /// A text field, kept for upstream.
    mutating func string(_ name: String, required: Bool = false, allowed: [String]? = nil, maxLength: Int = 10_000) throws -> String? {
        guard let value = try form.text(name) else {
            if required { throw GatewayError.validation(field: name, "is required") }
            return nil
        }
        if let allowed, !allowed.contains(value) { throw GatewayError.validation(field: name, "must be one of \(allowed.joined(separator: ", "))") }
        guard value.count <= maxLength else { throw GatewayError.validation(field: name, "is longer than \(maxLength) characters") }
        keep(name, value)
        return value
    }

    /// An integer field within `range`, kept for upstream.
    mutating func int(_ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text = try form.text(name) else { return nil }
        guard let value = Int(text) else { throw GatewayError.validation(field: name, "must be an integer") }
        guard range.contains(value) else { throw GatewayError.validation(field: name, "must be between \(range.lowerBound) and \(range.upperBound)") }
        keep(name, String(value))
        echo[name] = .int(value)
        return value
    }

    /// A JSON object field (`image_request`), read but not kept: the caller keeps what it validated.
    func object(_ name: String, required: Bool) throws -> JSONObject? {
        guard let text = try form.text(name) else {
            if required { throw GatewayError.validation(field: name, "is required") }
            return nil
        }
        guard let value = JSONValue.parse(text.utf8)?.objectValue else { throw GatewayError.validation(field: name, "must be a JSON object") }
        return value
    }

    /// Keeps a validated JSON object as a text field.
    mutating func keep(_ name: String, object: JSONObject) {
        upstream.append(FormUpload.Part(name: name, contentType: "application/json", bytes: Array(JSONValue.object(object).encoded().utf8)))
        echo[name] = .object(object)
    }

    /// The one image file `name`, kept for upstream; nil when absent and not required.
    @discardableResult
    mutating func image(_ name: String, required: Bool = true) throws -> FormUpload.Part? {
        guard let part = try form.one(name), !part.bytes.isEmpty else {
            if required { throw GatewayError.validation(field: name, "is required (an image file)") }
            return nil
        }
        try keepImage(part, as: name)
        return part
    }

    /// Up to `limit` image files `name` (style references), kept for upstream.
    mutating func images(_ name: String, limit: Int) throws {
        let parts = form.all(name)
        guard parts.count <= limit else { throw GatewayError.validation(field: name, "takes at most \(limit) images") }
        for part in parts { try keepImage(part, as: name) }
    }

    /// The form to send upstream.
    var upload: FormUpload { FormUpload(parts: upstream) }

    private mutating func keepImage(_ part: FormUpload.Part, as name: String) throws {
        guard let type = Self.imageType(part.bytes) else { throw GatewayError.validation(field: name, "must be a JPEG, PNG or WebP image") }
        upstream.append(FormUpload.Part(name: name, filename: part.filename ?? "image", contentType: type, bytes: part.bytes))
        let summary: JSONValue = .object([
            "filename": .string(part.filename ?? "image"), "content_type": .string(type), "bytes": .int(part.bytes.count),
        ])
        if case .array(var list)? = echo[name] {
            list.append(summary)
            echo[name] = .array(list)
        } else if let earlier = echo[name] {
            echo[name] = .array([earlier, summary])
        } else {
            echo[name] = summary
        }
    }

    private mutating func keep(_ name: String, _ value: String) {
        upstream.append(FormUpload.Part(name: name, bytes: Array(value.utf8)))
        echo[name] = .string(value)
    }

    /// The image type of `bytes` by signature; nil for anything else.
    static func imageType(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), bytes[8..<12].elementsEqual("WEBP".utf8) { return "image/webp" }
        return nil
    }
}
