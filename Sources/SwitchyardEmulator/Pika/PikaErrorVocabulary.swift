import Hummingbird

/// The Pika relay's errors: OpenAI's `{"error":{"message","type","code"}}` with a fitting status.
struct PikaErrorVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response { Self.error(.unauthorized, "invalid_api_key", "Invalid API key") }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        switch fault {
        case .rateLimited: Self.error(.tooManyRequests, "rate_limited", "Too many requests (emulated)")
        case .serverError: Self.error(.internalServerError, "internal_error", "Internal server error (emulated)")
        default: nil
        }
    }

    func response(for error: any Error) -> Response? {
        guard let error = error as? EmulatorHTTPError else { return nil }
        return Self.error(error.status, error.status == .notFound ? "not_found" : "invalid_request", error.detail)
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        let body = EmulatorJSON.object([
            ("error", .object([("message", .string(message)), ("type", .string(code)), ("code", .string(code))]))
        ])
        return EmulatorResponse.json(body, status: status)
    }
}
