import Foundation

/// `POST /v1/images/generations`: validation and the `ImagesResponse` answer.
///
/// `dall-e-3` answers with URLs of the emulator's JPEG (`/media/openai/<id>.jpg`) unless `response_format` is
/// "b64_json"; `gpt-image-1` always answers with base64 PNG data and a `usage` object, as the real model does.
struct OpenAIImageRequest: Sendable {
    /// The model (default "dall-e-3").
    let model: String
    /// The prompt.
    let prompt: String
    /// Images to make.
    let count: Int
    /// The requested size, echoed by `gpt-image-1`.
    let size: String
    /// True when the images are sent inline as base64 instead of as URLs.
    let inline: Bool

    /// Sizes each model accepts.
    private static let sizes = [
        "dall-e-3": ["1024x1024", "1792x1024", "1024x1792"],
        "gpt-image-1": ["auto", "1024x1024", "1536x1024", "1024x1536"],
    ]
    /// Base64 of the PNG sent inline, encoded once.
    private static let inlinePNG = EmbeddedMedia.imagePNG.base64EncodedString()

    /// Validates `body` (400 `invalid_request_error`, 404 for an unknown model).
    init(_ body: OpenAIParameters) throws {
        model = try body.string("model") ?? "dall-e-3"
        try OpenAICatalog.require(model, kind: .image, route: "v1/images/generations")
        guard let prompt = try body.string("prompt", required: true), !prompt.isEmpty else {
            throw OpenAIError.missing("prompt")
        }
        self.prompt = prompt
        count = try body.int("n", in: 1...(model == "dall-e-3" ? 1 : 10)) ?? 1
        let sizes = Self.sizes[model] ?? []
        size = try body.string("size") ?? sizes[0]
        guard sizes.contains(size) else {
            throw OpenAIError.invalidValue(
                "size", "'\(size)'. Supported values are: \(sizes.map { "'\($0)'" }.joined(separator: ", ")).")
        }
        let format = try body.string("response_format") ?? "url"
        guard format == "url" || format == "b64_json" else {
            throw OpenAIError.invalidValue(
                "response_format", "'\(format)'. Supported values are: 'url' and 'b64_json'.")
        }
        inline = model == "gpt-image-1" || format == "b64_json"
    }

    /// The `ImagesResponse` object; URLs point under `mediaBaseURL` (".../media/openai").
    func json(mediaBaseURL: String) -> EmulatorJSON {
        let images = (0..<count).map { _ -> EmulatorJSON in
            var members: [(String, EmulatorJSON)] = []
            if inline {
                members.append(("b64_json", .string(Self.inlinePNG)))
            } else {
                members.append(("url", .string("\(mediaBaseURL)/\(EmulatorIdentifier.unique("img-")).jpg")))
            }
            if model == "dall-e-3" { members.append(("revised_prompt", .string(prompt))) }
            return .object(members)
        }
        var members: [(String, EmulatorJSON)] = [
            ("created", .int(Int(Date().timeIntervalSince1970))),
            ("data", .array(images)),
        ]
        if model == "gpt-image-1" {
            let input = EmulatorTokens.count(prompt)
            let output = 272 * count
            members += [
                ("background", .string("opaque")),
                ("output_format", .string("png")),
                ("quality", .string("medium")),
                ("size", .string(size == "auto" ? "1024x1024" : size)),
                (
                    "usage",
                    .object([
                        ("input_tokens", .int(input)),
                        ("input_tokens_details", .object([("image_tokens", .int(0)), ("text_tokens", .int(input))])),
                        ("output_tokens", .int(output)),
                        ("total_tokens", .int(input + output)),
                    ])
                ),
            ]
        }
        return .object(members)
    }
}
