import Hummingbird

/// `POST /v1/audio/transcriptions`: reads the multipart upload and answers with a transcript that reports how
/// many bytes of audio arrived, "Transcribed <N> bytes of audio (emulated)."
struct OpenAITranscription: Sendable {
    /// The transcript text.
    let text: String
    /// `response_format`: json, text, srt, verbose_json or vtt.
    let format: String

    /// Formats the API accepts.
    private static let formats = ["json", "text", "srt", "verbose_json", "vtt"]

    /// Validates the form (400 `invalid_request_error`, 404 for an unknown model).
    init(_ body: ByteBuffer?, contentType: String?) throws {
        guard let body, let form = EmulatorMultipart(body, contentType: contentType) else {
            throw OpenAIError.invalidRequest(
                "Invalid Content-Type header (\(contentType ?? "none")), expected multipart/form-data.")
        }
        guard let file = form.part("file"), file.filename != nil else { throw OpenAIError.missing("file") }
        guard let model = form.part("model")?.text, !model.isEmpty else { throw OpenAIError.missing("model") }
        try OpenAICatalog.require(model, kind: .transcription, route: "v1/audio/transcriptions")
        format = form.part("response_format")?.text ?? "json"
        guard Self.formats.contains(format) else {
            throw OpenAIError.invalidValue("response_format", "'\(format)'. Supported values are: \(Self.formats).")
        }
        text = "Transcribed \(file.body.count) bytes of audio (emulated)."
    }

    /// The answer in the requested format.
    var response: Response {
        switch format {
        case "text":
            return plain(text + "\n")
        case "srt":
            return plain("1\n00:00:00,000 --> 00:00:01,000\n\(text)\n\n")
        case "vtt":
            return plain("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n\(text)\n\n")
        case "verbose_json":
            let segment = EmulatorJSON.object([
                ("id", .int(0)), ("seek", .int(0)), ("start", .double(0)), ("end", .double(1)),
                ("text", .string(text)), ("tokens", .array([])), ("temperature", .double(0)),
                ("avg_logprob", .double(0)), ("compression_ratio", .double(1)), ("no_speech_prob", .double(0)),
            ])
            return EmulatorResponse.json(
                .object([
                    ("task", .string("transcribe")), ("language", .string("english")), ("duration", .double(1)),
                    ("text", .string(text)), ("segments", .array([segment])),
                ]))
        default:
            return EmulatorResponse.json(.object([("text", .string(text))]))
        }
    }

    /// A `text/plain` answer.
    private func plain(_ body: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
