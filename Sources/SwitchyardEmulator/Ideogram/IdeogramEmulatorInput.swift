/// The options of one Ideogram call wherever they travel — a JSON `image_request`, an `image_request` JSON string
/// in a form, or flat form fields — with typed, validating reads in Ideogram's words (422 `{"detail"}`).
struct IdeogramEmulatorInput: Sendable {
    /// Option fields by name (form fields as strings).
    let fields: [String: EmulatorJSON]
    /// Uploaded files by field name.
    let files: [String: [[UInt8]]]

    /// The members of a JSON object.
    init(object: EmulatorJSON?, files: [String: [[UInt8]]] = [:]) {
        var fields: [String: EmulatorJSON] = [:]
        if case .object(let members)? = object {
            for (key, value) in members where fields[key] == nil && value != .null { fields[key] = value }
        }
        self.fields = fields
        self.files = files
    }

    /// A form's text parts as fields (and `image_request`'s members when `nested`), its file parts as files.
    init(form: EmulatorMultipart, nested: Bool) throws {
        var fields: [String: EmulatorJSON] = [:]
        var files: [String: [[UInt8]]] = [:]
        for part in form.parts {
            if part.filename != nil {
                files[part.name, default: []].append(part.body)
            } else if nested, part.name == "image_request" {
                guard case .object(let members)? = EmulatorJSON.parse(part.body) else {
                    throw EmulatorHTTPError.unprocessable("image_request: must be a JSON object")
                }
                for (key, value) in members where fields[key] == nil && value != .null { fields[key] = value }
            } else if fields[part.name] == nil {
                fields[part.name] = .string(part.text)
            }
        }
        self.fields = fields
        self.files = files
    }

    func string(_ key: String, required: Bool = false, from allowed: [String]? = nil) throws -> String? {
        guard let value = fields[key] else {
            if required { throw EmulatorHTTPError.unprocessable("\(key): Field required") }
            return nil
        }
        guard let text = value.stringValue else { throw EmulatorHTTPError.unprocessable("\(key): Input should be a valid string") }
        if required, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw EmulatorHTTPError.unprocessable("\(key): String should have at least 1 character")
        }
        if let allowed, !allowed.contains(text) {
            throw EmulatorHTTPError.unprocessable("\(key): Input should be \(allowed.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return text
    }

    /// An integer (a JSON integer or a form field's digits) within `range`.
    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = fields[key] else { return nil }
        let number: Int?
        switch value {
        case .int(let integer): number = integer
        case .string(let text): number = Int(text.trimmingCharacters(in: .whitespaces))
        default: number = nil
        }
        guard let number else { throw EmulatorHTTPError.unprocessable("\(key): Input should be a valid integer") }
        guard range.contains(number) else {
            throw EmulatorHTTPError.unprocessable("\(key): Input should be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// The one image file `key` (PNG, JPEG or WebP by its bytes).
    func image(_ key: String) throws {
        guard let uploads = files[key], uploads.count == 1, let bytes = uploads.first, !bytes.isEmpty else {
            throw EmulatorHTTPError.unprocessable("\(key): Field required (one image file)")
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        let isWebP = bytes.count >= 12 && bytes.starts(with: Array("RIFF".utf8)) && bytes[8..<12].elementsEqual("WEBP".utf8)
        guard bytes.starts(with: png) || bytes.starts(with: [0xFF, 0xD8, 0xFF]) || isWebP else {
            throw EmulatorHTTPError.badRequest("\(key): the file is not a supported image (JPEG, PNG or WebP)")
        }
    }
}
