import Foundation
import Hummingbird
import NIOCore

/// `POST /v1/images/edits`: reads the multipart form as OpenAI does and answers an `ImagesResponse`.
///
/// `gpt-image-1` takes 1–16 images (`image` or `image[]`, PNG, JPEG or WebP) and always answers base64 PNG data
/// with a `usage` object that counts the input images' tokens; `dall-e-2` takes one square PNG and answers URLs of
/// the emulator's PNG (`/media/openai/<id>.png`) unless `response_format` is "b64_json". Both take an optional PNG
/// `mask`.
struct OpenAIImageEdit: Sendable {
    let model: String
    let prompt: String
    let count: Int
    let size: String
    let quality: String
    /// Input images, which `gpt-image-1` bills as image tokens.
    let imageCount: Int
    /// True when the images are sent inline as base64 instead of as URLs.
    let inline: Bool

    private static let sizes = [
        "dall-e-2": ["1024x1024", "256x256", "512x512"],
        "gpt-image-1": ["auto", "1024x1024", "1536x1024", "1024x1536"],
    ]
    private static let qualities = ["dall-e-2": ["standard"], "gpt-image-1": ["auto", "low", "medium", "high"]]
    /// Input image tokens `gpt-image-1` bills per image (a low-detail tile count stand-in).
    static let tokensPerInputImage = 194

    /// Validates the form (400 `invalid_request_error`, 404 for an unknown model).
    init(_ body: ByteBuffer?, contentType: String?) throws {
        guard let body, let form = EmulatorMultipart(body, contentType: contentType) else {
            throw OpenAIError.invalidRequest("Invalid Content-Type header (\(contentType ?? "none")), expected multipart/form-data.")
        }
        model = form.part("model")?.text ?? "dall-e-2"
        guard Self.sizes[model] != nil else {
            try OpenAICatalog.require(model, kind: .image, route: "v1/images/edits")
            throw OpenAIError.invalidValue("model", "'\(model)'. Image edits support 'gpt-image-1' and 'dall-e-2'.")
        }
        let images = form.parts.filter { ($0.name == "image" || $0.name == "image[]") && $0.filename != nil }
        guard !images.isEmpty else { throw OpenAIError.missing("image") }
        let limit = model == "dall-e-2" ? 1 : 16
        guard images.count <= limit else { throw OpenAIError.invalidValue("image", "\(images.count) images; \(model) takes at most \(limit).") }
        for image in images where !Self.isImage(image.body, pngOnly: model == "dall-e-2") {
            throw OpenAIError.invalidRequest(
                "Invalid image file or mode for image \(image.filename ?? ""), please check your image file.", param: "image",
                code: "invalid_image_file")
        }
        if let mask = form.part("mask"), !Self.isImage(mask.body, pngOnly: true) {
            throw OpenAIError.invalidRequest("Invalid mask: it must be a PNG image.", param: "mask", code: "invalid_image_file")
        }
        guard let prompt = form.part("prompt")?.text, !prompt.isEmpty else { throw OpenAIError.missing("prompt") }
        self.prompt = prompt
        guard let count = Int(form.part("n")?.text ?? "1"), (1...10).contains(count) else {
            throw OpenAIError.invalidValue("n", "'\(form.part("n")?.text ?? "")'. It must be an integer between 1 and 10.")
        }
        self.count = count
        let sizes = Self.sizes[model] ?? []
        size = form.part("size")?.text ?? sizes[0]
        guard sizes.contains(size) else {
            throw OpenAIError.invalidValue("size", "'\(size)'. Supported values are: \(sizes.map { "'\($0)'" }.joined(separator: ", ")).")
        }
        let qualities = Self.qualities[model] ?? []
        quality = form.part("quality")?.text ?? qualities[0]
        guard qualities.contains(quality) else {
            throw OpenAIError.invalidValue("quality", "'\(quality)'. Supported values are: \(qualities.map { "'\($0)'" }.joined(separator: ", ")).")
        }
        let format = form.part("response_format")?.text ?? (model == "gpt-image-1" ? "b64_json" : "url")
        guard format == "url" || format == "b64_json" else {
            throw OpenAIError.invalidValue("response_format", "'\(format)'. Supported values are: 'url' and 'b64_json'.")
        }
        if model == "gpt-image-1", format == "url" {
            throw OpenAIError.invalidRequest("Unknown parameter: 'response_format'.", param: "response_format", code: "unknown_parameter")
        }
        imageCount = images.count
        inline = model == "gpt-image-1" || format == "b64_json"
    }

    /// The `ImagesResponse`; URLs point under `mediaBaseURL` (".../media/openai").
    func json(mediaBaseURL: String) -> EmulatorJSON {
        let images = (0..<count).map { _ -> EmulatorJSON in
            inline
                ? .object([("b64_json", .string(EmbeddedMedia.imagePNG.base64EncodedString()))])
                : .object([("url", .string("\(mediaBaseURL)/\(EmulatorIdentifier.unique("img-")).png"))])
        }
        var members: [(String, EmulatorJSON)] = [("created", .int(Int(Date().timeIntervalSince1970))), ("data", .array(images))]
        if model == "gpt-image-1" {
            let text = EmulatorTokens.count(prompt)
            let imageTokens = Self.tokensPerInputImage * imageCount
            let output = 272 * count
            members += [
                ("background", .string("opaque")), ("output_format", .string("png")), ("quality", .string(quality == "auto" ? "medium" : quality)),
                ("size", .string(size == "auto" ? "1024x1024" : size)),
                (
                    "usage",
                    .object([
                        ("input_tokens", .int(text + imageTokens)),
                        ("input_tokens_details", .object([("image_tokens", .int(imageTokens)), ("text_tokens", .int(text))])),
                        ("output_tokens", .int(output)), ("total_tokens", .int(text + imageTokens + output)),
                    ])
                ),
            ]
        }
        return .object(members)
    }

    /// Whether `bytes` are a PNG (or, unless `pngOnly`, a JPEG or WebP) by signature.
    private static func isImage(_ bytes: [UInt8], pngOnly: Bool) -> Bool {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return true }
        guard !pngOnly else { return false }
        return bytes.starts(with: [0xFF, 0xD8, 0xFF])
            || (bytes.count >= 12 && bytes.starts(with: Array("RIFF".utf8)) && bytes[8..<12].elementsEqual("WEBP".utf8))
    }
}
