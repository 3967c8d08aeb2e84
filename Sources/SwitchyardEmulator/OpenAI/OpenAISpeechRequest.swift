import Foundation
import Hummingbird

/// `POST /v1/audio/speech`: validation and the audio bytes.
///
/// Every input yields the emulator's one-second tone: MP3 for "mp3" (the default) and the formats the emulator
/// has no file for ("opus", "aac", "flac"), WAV for "wav", and the WAV's raw samples for "pcm".
struct OpenAISpeechRequest: Sendable {
    /// The text to speak.
    let input: String
    /// `response_format`.
    let format: String

    /// Voices the API accepts.
    private static let voices: Set = [
        "alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin",
        "cedar",
    ]
    /// Formats the API accepts.
    private static let formats = ["mp3", "opus", "aac", "flac", "wav", "pcm"]
    /// Length of the WAV header that "pcm" leaves out.
    private static let wavHeaderLength = 44

    /// Validates `body` (400 `invalid_request_error`, 404 for an unknown model).
    init(_ body: OpenAIParameters) throws {
        guard let model = try body.string("model", required: true) else { throw OpenAIError.missing("model") }
        try OpenAICatalog.require(model, kind: .speech, route: "v1/audio/speech")
        guard let input = try body.string("input", required: true) else { throw OpenAIError.missing("input") }
        guard input.count <= 4096 else {
            throw OpenAIError.invalidRequest(
                "Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with "
                    + "length \(input.count) instead.", param: "input", code: "string_above_max_length")
        }
        self.input = input
        guard let voice = try body.string("voice", required: true) else { throw OpenAIError.missing("voice") }
        guard Self.voices.contains(voice) else {
            throw OpenAIError.invalidValue("voice", "'\(voice)'. Supported values are: \(Self.voices.sorted()).")
        }
        format = try body.string("response_format") ?? "mp3"
        guard Self.formats.contains(format) else {
            throw OpenAIError.invalidValue("response_format", "'\(format)'. Supported values are: \(Self.formats).")
        }
        if let speed = try body.number("speed"), !(0.25...4).contains(speed) {
            throw OpenAIError.invalidValue("speed", "expected a value between 0.25 and 4.0, but got \(speed).")
        }
    }

    /// The audio answer.
    var response: Response {
        let bytes: Data
        let contentType: String
        switch format {
        case "wav":
            (bytes, contentType) = (EmbeddedMedia.audioWAV, "audio/wav")
        case "pcm":
            (bytes, contentType) = (EmbeddedMedia.audioWAV.dropFirst(Self.wavHeaderLength), "audio/pcm")
        default:
            (bytes, contentType) = (EmbeddedMedia.audioMP3, "audio/mpeg")
        }
        return Response(
            status: .ok,
            headers: [.contentType: contentType, .contentLength: String(bytes.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
