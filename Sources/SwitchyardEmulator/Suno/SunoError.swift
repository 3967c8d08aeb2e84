import Hummingbird

/// An error answered the way the Suno relay protocol does: a fitting status with the envelope
/// `{"code":"<snake_case>","message":"...","data":null}`.
struct SunoError: Error, Sendable {
    /// HTTP status of the answer.
    let status: HTTPResponse.Status
    /// Machine-readable `code`, e.g. "clip_not_found".
    let code: String
    /// Human-readable `message`.
    let message: String
    /// Extra headers, e.g. `Retry-After` on a 429.
    var headers: HTTPFields = [:]

    /// The JSON response for this error.
    var response: Response {
        let envelope = EmulatorJSON.object([("code", .string(code)), ("message", .string(message)), ("data", .null)])
        var response = EmulatorResponse.json(envelope, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// The Suno form of an error raised by the shared helpers (body reading, field validation): wrong types and
    /// non-object bodies are 400 `invalid_request` here, as relays answer them.
    init(_ error: EmulatorHTTPError) {
        switch error.status {
        case .badRequest, .unprocessableContent:
            self.init(status: .badRequest, code: "invalid_request", message: error.detail)
        case .contentTooLarge:
            self.init(status: .contentTooLarge, code: "request_too_large", message: error.detail)
        case .notFound:
            self.init(status: .notFound, code: "not_found", message: error.detail)
        default:
            self.init(status: error.status, code: "internal_error", message: error.detail)
        }
        headers = error.headers
    }

    /// An error with every part given.
    init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// 400 `invalid_request`: a field is missing, of the wrong type or out of range.
    static func invalidRequest(_ message: String) -> SunoError {
        SunoError(status: .badRequest, code: "invalid_request", message: message)
    }

    /// 400 `clip_not_found`: a request body names a clip (or persona) this upstream does not have.
    static func referencedClipNotFound(_ field: String, _ id: String) -> SunoError {
        SunoError(status: .badRequest, code: "clip_not_found", message: "\(field): clip \(id) not found")
    }

    /// 404 `clip_not_found`: the path names a clip this upstream does not have.
    static func clipNotFound(_ id: String) -> SunoError {
        SunoError(status: .notFound, code: "clip_not_found", message: "clip \(id) not found")
    }

    /// 404 `task_not_found`: the path names a task this upstream does not have.
    static func taskNotFound(_ id: String) -> SunoError {
        SunoError(status: .notFound, code: "task_not_found", message: "task \(id) not found")
    }

    /// 400 `clip_not_complete`: the clip exists but is still generating or ended in error.
    static func clipNotComplete(_ id: String) -> SunoError {
        SunoError(status: .badRequest, code: "clip_not_complete", message: "clip \(id) is not complete")
    }

    /// 400 `unsupported_model`: the model is unknown, or cannot do what was asked.
    static func unsupportedModel(_ message: String) -> SunoError {
        SunoError(status: .badRequest, code: "unsupported_model", message: message)
    }

    /// 400 `model_mismatch`: a continuation asked for another model than its source clip's.
    static func modelMismatch(source: String, requested: String) -> SunoError {
        SunoError(
            status: .badRequest,
            code: "model_mismatch",
            message: "mv \(requested) does not match the source clip's model \(source)"
        )
    }

    /// 401 `unauthorized`: no acceptable `Authorization: Bearer` key.
    static let unauthorized = SunoError(status: .unauthorized, code: "unauthorized", message: "Invalid API key")
}
