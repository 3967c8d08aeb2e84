import Foundation
import NIOCore

/// What the relay reads from a request body: the fields that route, price and bound the call, read by a strict
/// parser so that they are the fields the upstream will read (see `StrictJSONScanner`).
struct RelayFacts: Sendable {
    var model: String
    var stream: Bool
    /// The largest output limit the request sets (`max_tokens`, `max_completion_tokens`, `max_output_tokens`).
    var maxTokens: Int?
    /// How many answers one call asks for (`n`, and `best_of` for completions): each may use `maxTokens`.
    var choices: Int
    var includeUsage: Bool
    /// Where the model's value sits in the body, to swap in a channel's mapped name without re-encoding.
    var modelRange: Range<Int>?
    /// The body's size: no tokenizer counts more input tokens than a body has bytes.
    var bodyBytes: Int
    /// Image parts in the input, which cost tokens their bytes do not show.
    var imageParts: Int
    /// Image requests: `size` and `quality` with the provider's defaults.
    var imageSize: String?
    var imageQuality: String?
    /// Speech requests: characters of `input`.
    var characters: Int
    /// Transcription uploads: bytes of the audio file.
    var audioBytes: Int

    /// Input tokens as usually counted (about four bytes a token), for an answer that reports none.
    var typicalInputTokens: Int { bodyBytes / 4 + 1 }

    /// Output tokens a request may ask for per answer; far above any model's limit, so only absurd values meet it.
    static let maximumOutputTokens = 10_000_000

    /// Reads a JSON body's facts; a body that is not one JSON object, names a key twice, or gives a priced field
    /// the wrong type is the client's error (400).
    static func json(_ bytes: [UInt8], meter: UsageMeter) throws -> RelayFacts {
        let document: StrictJSONScanner.Document
        do {
            document = try StrictJSONScanner.scanObject(bytes)
        } catch .duplicateKey(let key) {
            throw GatewayError.validation(field: key, "appears more than once in the request body")
        } catch .tooDeep {
            throw GatewayError.invalidRequest("Request body is nested more than \(StrictJSONScanner.maximumDepth) levels deep")
        } catch {
            throw GatewayError.invalidRequest("Request body must be a JSON object")
        }
        let fields = ScannedFields(document: document, bytes: bytes)
        guard let model = try fields.string("model"), !model.isEmpty else { throw GatewayError.validation(field: "model", "is required") }
        var maxTokens: Int?
        for name in ["max_tokens", "max_completion_tokens", "max_output_tokens"] {
            guard let limit = try fields.int(name, in: 1...maximumOutputTokens) else { continue }
            maxTokens = max(maxTokens ?? 0, limit)
        }
        let n = try fields.int("n", in: 1...128) ?? 1
        let bestOf = try fields.int("best_of", in: 1...128) ?? 1
        var includeUsage = false
        if let options = document.range(of: "stream_options"), let value = JSONValue.parse(bytes[options]) {
            includeUsage = value["include_usage"] == .bool(true)
        }
        return RelayFacts(
            model: model, stream: try fields.bool("stream") ?? false, maxTokens: maxTokens, choices: max(n, bestOf), includeUsage: includeUsage,
            modelRange: document.range(of: "model"), bodyBytes: bytes.count, imageParts: document.imageParts,
            imageSize: meter == .image ? try fields.string("size") : nil, imageQuality: meter == .image ? try fields.string("quality") : nil,
            characters: meter == .speech ? try fields.string("input")?.count ?? 0 : 0, audioBytes: 0)
    }

    /// Reads a multipart form (audio transcriptions, image edits) with a real parser: the `model` field is the one
    /// form field of that name (a second one is refused), never the first `name="model"` found in the bytes.
    static func multipart(_ bytes: [UInt8], contentType: String?, meter: UsageMeter = .transcription) throws -> RelayFacts {
        let form = try FormUpload.parse(bytes, contentType: contentType)
        if meter == .image { return try imageEdit(form, bodyBytes: bytes.count) }
        guard let model = try form.text("model") else { throw GatewayError.validation(field: "model", "is required") }
        let files = form.all("file")
        guard files.count == 1 else { throw GatewayError.validation(field: "file", "is required, once") }
        return RelayFacts(
            model: model, stream: false, maxTokens: nil, choices: 1, includeUsage: false, modelRange: nil, bodyBytes: bytes.count, imageParts: 0,
            imageSize: nil, imageQuality: nil, characters: 0, audioBytes: files[0].bytes.count)
    }

    /// An image edit's facts: its model (`dall-e-2` when absent, as OpenAI defaults), `n`, `size` and `quality`,
    /// which price it per image, and its input images (`image` or `image[]`), which `gpt-image-1` bills as tokens.
    private static func imageEdit(_ form: FormUpload, bodyBytes: Int) throws -> RelayFacts {
        let model = try form.text("model") ?? "dall-e-2"
        let images = form.all("image") + form.all("image[]")
        guard !images.isEmpty, images.allSatisfy({ !$0.bytes.isEmpty }) else {
            throw GatewayError.validation(field: "image", "is required (an image file)")
        }
        guard images.count <= 16 else { throw GatewayError.validation(field: "image", "takes at most 16 images") }
        var count = 1
        if let text = try form.text("n") {
            guard let n = Int(text), (1...10).contains(n) else { throw GatewayError.validation(field: "n", "must be an integer between 1 and 10") }
            count = n
        }
        return RelayFacts(
            model: model, stream: false, maxTokens: nil, choices: count, includeUsage: false, modelRange: nil, bodyBytes: bodyBytes,
            imageParts: images.count, imageSize: try form.text("size"), imageQuality: try form.text("quality"), characters: 0, audioBytes: 0)
    }
}

/// Typed reads of a scanned document's top-level members: a member of the wrong type is the client's error, as it
/// would be upstream, and never read as absent.
private struct ScannedFields {
    let document: StrictJSONScanner.Document
    let bytes: [UInt8]

    private func slice(_ key: String) -> ArraySlice<UInt8>? {
        guard let range = document.range(of: key) else { return nil }
        let slice = bytes[range]
        return slice.elementsEqual("null".utf8) ? nil : slice
    }

    func string(_ key: String) throws -> String? {
        guard let slice = slice(key) else { return nil }
        guard slice.first == UInt8(ascii: "\"") else { throw GatewayError.validation(field: key, "must be a string") }
        if !slice.contains(UInt8(ascii: "\\")) { return String(decoding: slice.dropFirst().dropLast(), as: UTF8.self) }
        return JSONValue.parse(slice)?.stringValue
    }

    func bool(_ key: String) throws -> Bool? {
        guard let slice = slice(key) else { return nil }
        if slice.elementsEqual("true".utf8) { return true }
        if slice.elementsEqual("false".utf8) { return false }
        throw GatewayError.validation(field: key, "must be a boolean")
    }

    /// A whole number within `range`, written as one (`5`, not `5.0` or `5e0`): what upstream validators accept.
    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let slice = slice(key) else { return nil }
        guard let value = Int(String(decoding: slice, as: UTF8.self)) else {
            throw GatewayError.validation(field: key, "must be an integer")
        }
        guard range.contains(value) else {
            throw GatewayError.validation(field: key, "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }
}
