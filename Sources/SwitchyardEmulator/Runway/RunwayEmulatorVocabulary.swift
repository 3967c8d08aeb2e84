import Hummingbird

/// Runway's error shape, `{"error": "...", "issues": [...]}`: every body problem is a 400 (Runway validates with a
/// schema and answers 400 for types as for values), a missing task a 404, a bad key a 401.
struct RunwayEmulatorVocabulary: EmulatorErrorVocabulary {
    /// An error body of Runway's; `issues` names what was wrong for a validation failure.
    static func error(_ status: HTTPResponse.Status, _ message: String, issue: String? = nil, headers: HTTPFields = [:]) -> Response {
        var members: [(String, EmulatorJSON)] = [("error", .string(message))]
        if let issue { members.append(("issues", .array([.object([("message", .string(issue))])]))) }
        var response = EmulatorResponse.json(.object(members), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    var unauthorized: Response {
        Self.error(.unauthorized, "Incorrect or missing API key. Pass it as a Bearer token in the Authorization header.")
    }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        switch fault {
        case .serverError: Self.error(.internalServerError, "An unexpected error occurred (emulated)")
        case .rateLimited: Self.error(.tooManyRequests, "You have exceeded the rate limit (emulated)", headers: [.retryAfter: "1"])
        case .malformed: EmulatorResponse.raw(#"{"id":"unterminated"#, status: successStatus)
        case .slow, .timeout, .drop, .cut, .fail, .partial, .lateCancel, .garbage, .slowBody: nil
        }
    }

    func response(for error: any Error) -> Response? {
        guard let error = error as? EmulatorHTTPError else { return nil }
        switch error.status {
        case .notFound, .contentTooLarge: return Self.error(error.status, error.detail)
        default: return Self.error(.badRequest, "Validation of body failed", issue: error.detail)
        }
    }
}
