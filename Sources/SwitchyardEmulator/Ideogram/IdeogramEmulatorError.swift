import Hummingbird

/// Ideogram's refusals as it words them: FastAPI's `{"detail": ...}` for keys, input, credits and rate limits,
/// `{"error": ...}` for a failed safety check.
enum IdeogramEmulatorError {
    static let unauthorized = EmulatorHTTPError(status: .unauthorized, detail: "Unauthorized: invalid or missing Api-Key").response
    static let moderated = EmulatorResponse.json(
        .object([("error", .string("Prompt or provided image failed the safety checks"))]), status: .unprocessableContent)
    static let noCredits = EmulatorHTTPError(
        status: HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"), detail: "Insufficient credits: add credits to your API account"
    ).response
    static let invalid = EmulatorHTTPError(status: .badRequest, detail: "Invalid input").response
}
