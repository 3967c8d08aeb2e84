import Hummingbird

/// Replicate's problem JSON: `{"title","detail","status"}`; a missing or wrong key is 401 "Unauthenticated".
struct ReplicateEmulatorVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response {
        Self.problem(.unauthorized, title: "Unauthenticated", detail: "You did not pass a valid authentication token")
    }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        switch fault {
        case .serverError: Self.problem(.internalServerError, title: "Internal server error", detail: "Internal server error (emulated)")
        case .rateLimited:
            Self.problem(.tooManyRequests, title: "Request was throttled", detail: "Request was throttled. Expected available in 1 second.")
        default: nil
        }
    }

    func response(for error: any Error) -> Response? {
        guard let error = error as? EmulatorHTTPError else { return nil }
        return Self.problem(error.status, title: error.status == .notFound ? "Not found" : "Invalid input", detail: error.detail)
    }

    static func problem(_ status: HTTPResponse.Status, title: String, detail: String) -> Response {
        EmulatorResponse.json(.object([("title", .string(title)), ("detail", .string(detail)), ("status", .int(Int(status.code)))]), status: status)
    }
}
