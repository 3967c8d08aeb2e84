import Hummingbird

/// An error as Recraft answers it: a status with `{"code": "...", "message": "..."}`.
struct RecraftError: Error, Sendable {
    let status: HTTPResponse.Status
    let code: String
    let message: String
    var headers: HTTPFields = [:]

    var response: Response {
        var response = EmulatorResponse.json(.object([("code", .string(code)), ("message", .string(message))]), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// 400 `invalid_request`: a field is missing, of the wrong type or out of range.
    static func invalid(_ message: String) -> RecraftError {
        RecraftError(status: .badRequest, code: "invalid_request", message: message)
    }

    /// 400 `prompt_moderated`: the prompt (`[recraft:moderation]`) breaks the content policy.
    static let moderated = RecraftError(status: .badRequest, code: "prompt_moderated", message: "The prompt violates the content policy")
    /// 402 `not_enough_credits`: the account (`[recraft:no-credits]`) has no API units left.
    static let noCredits = RecraftError(status: .init(code: 402), code: "not_enough_credits", message: "Not enough API units on the account")
    static let unauthorized = RecraftError(status: .unauthorized, code: "unauthorized", message: "Invalid API token")
}

/// Recraft's vocabulary for the shared request steps and the error faults.
struct RecraftVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response { RecraftError.unauthorized.response }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        switch fault {
        case .serverError:
            return RecraftError(status: .internalServerError, code: "internal_error", message: "Internal server error (emulated)").response
        case .rateLimited:
            return RecraftError(
                status: .tooManyRequests, code: "rate_limit_exceeded", message: "Too many requests (emulated)", headers: [.retryAfter: "1"]
            ).response
        case .malformed:
            return EmulatorResponse.raw(#"{"created": 1, "data": [{"url": "unterminated"#, status: successStatus)
        default:
            return nil
        }
    }

    func response(for error: any Error) -> Response? {
        switch error {
        case let error as RecraftError: return error.response
        case let error as EmulatorHTTPError:
            let status: HTTPResponse.Status = error.status == .unprocessableContent ? .badRequest : error.status
            return RecraftError(status: status, code: status == .badRequest ? "invalid_request" : "error", message: error.detail).response
        default: return nil
        }
    }
}
