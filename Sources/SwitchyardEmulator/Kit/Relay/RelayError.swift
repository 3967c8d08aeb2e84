import Hummingbird

/// An error answered the way the relay task protocol (Suno, Udio) does: a fitting status with the envelope
/// `{"code":"<snake_case>","message":"...","data":null}`. Families add their own codes in extensions.
struct RelayError: Error, Sendable {
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

    /// The relay form of an error raised by the shared helpers (body reading, field validation): wrong types and
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
    static func invalidRequest(_ message: String) -> RelayError {
        RelayError(status: .badRequest, code: "invalid_request", message: message)
    }

    /// 404 `task_not_found`: the path names a task this upstream does not have.
    static func taskNotFound(_ id: String) -> RelayError {
        RelayError(status: .notFound, code: "task_not_found", message: "task \(id) not found")
    }

    /// 400 `unsupported_model`: the model is unknown, or cannot do what was asked.
    static func unsupportedModel(_ message: String) -> RelayError {
        RelayError(status: .badRequest, code: "unsupported_model", message: message)
    }

    /// 401 `unauthorized`: no acceptable `Authorization: Bearer` key.
    static let unauthorized = RelayError(status: .unauthorized, code: "unauthorized", message: "Invalid API key")
}

/// The relay task protocol's vocabulary: errors and the error faults in the `{"code","message","data":null}`
/// envelope.
struct RelayVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response {
        RelayError.unauthorized.response
    }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        switch fault {
        case .serverError:
            return RelayError(
                status: .internalServerError, code: "internal_error", message: "Internal server error (emulated)"
            ).response
        case .rateLimited:
            return RelayError(
                status: .tooManyRequests,
                code: "rate_limited",
                message: "Too many requests (emulated)",
                headers: [.retryAfter: "1"]
            ).response
        case .malformed:
            return EmulatorResponse.raw(#"{"code":"success","message":"","data":"unterminated"#, status: .ok)
        case .slow, .timeout, .drop, .cut, .fail, .partial, .lateCancel, .garbage, .slowBody:
            return nil
        }
    }

    func response(for error: any Error) -> Response? {
        switch error {
        case let error as RelayError: return error.response
        case let error as EmulatorHTTPError: return RelayError(error).response
        default: return nil
        }
    }
}
