import Hummingbird

/// An error answered the way the OpenAI API does: a fitting status with
/// `{"error":{"message":...,"type":...,"param":...,"code":...}}`.
struct OpenAIError: Error, Sendable {
    /// HTTP status of the answer.
    let status: HTTPResponse.Status
    /// Human-readable `message`.
    let message: String
    /// The error `type`, e.g. "invalid_request_error".
    let type: String
    /// The request parameter at fault, if any.
    var param: String?
    /// Machine-readable `code`, e.g. "model_not_found".
    var code: String?
    /// Extra headers, e.g. `Retry-After` on a 429.
    var headers: HTTPFields = [:]

    /// The JSON response for this error.
    var response: Response {
        let error = EmulatorJSON.object([
            ("message", .string(message)),
            ("type", .string(type)),
            ("param", .from(param)),
            ("code", .from(code)),
        ])
        var response = EmulatorResponse.json(.object([("error", error)]), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// An error with every part given.
    init(
        status: HTTPResponse.Status,
        message: String,
        type: String = "invalid_request_error",
        param: String? = nil,
        code: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers = headers
    }

    /// The OpenAI form of an error raised by the shared helpers (body reading, field validation).
    init(_ error: EmulatorHTTPError) {
        switch error.status {
        case .contentTooLarge:
            self.init(status: .contentTooLarge, message: error.detail, code: "request_too_large")
        case .notFound:
            self.init(status: .notFound, message: error.detail)
        case .badRequest, .unprocessableContent:
            self.init(status: .badRequest, message: error.detail)
        default:
            self.init(status: error.status, message: error.detail, type: "server_error")
        }
        headers = error.headers
    }

    /// 400 `invalid_request_error` about `param`.
    static func invalidRequest(_ message: String, param: String? = nil, code: String? = nil) -> OpenAIError {
        OpenAIError(status: .badRequest, message: message, param: param, code: code)
    }

    /// 400: a required parameter is absent.
    static func missing(_ param: String) -> OpenAIError {
        invalidRequest("Missing required parameter: '\(param)'.", param: param, code: "missing_required_parameter")
    }

    /// 400: a parameter has the wrong JSON type.
    static func invalidType(_ param: String, expected: String, got value: EmulatorJSON) -> OpenAIError {
        invalidRequest(
            "Invalid type for '\(param)': expected \(expected), but got \(value.openAITypeName) instead.",
            param: param, code: "invalid_type")
    }

    /// 400: a parameter has a value outside what is allowed.
    static func invalidValue(_ param: String, _ message: String) -> OpenAIError {
        invalidRequest("Invalid value for '\(param)': \(message)", param: param, code: "invalid_value")
    }

    /// 404: the model does not exist.
    static func modelNotFound(_ model: String) -> OpenAIError {
        OpenAIError(
            status: .notFound,
            message: "The model `\(model)` does not exist or you do not have access to it.",
            param: "model", code: "model_not_found")
    }

    /// 401: no `Authorization: Bearer` key at all.
    static let missingKey = OpenAIError(
        status: .unauthorized,
        message: "You didn't provide an API key. You need to provide your API key in an Authorization header using "
            + "Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        code: "invalid_api_key")

    /// 401: a key this instance does not accept.
    static func invalidKey(_ key: String) -> OpenAIError {
        let masked = key.count > 8 ? "\(key.prefix(3))\(String(repeating: "*", count: 4))\(key.suffix(4))" : "****"
        return OpenAIError(
            status: .unauthorized,
            message: "Incorrect API key provided: \(masked). You can find your API key at "
                + "https://platform.openai.com/account/api-keys.",
            code: "invalid_api_key")
    }

    /// 500: the `500` and `fail` faults.
    static let serverError = OpenAIError(
        status: .internalServerError,
        message: "The server had an error while processing your request. Sorry about that! (emulated)",
        type: "server_error")

    /// 429: the `429` fault.
    static let rateLimited = OpenAIError(
        status: .tooManyRequests,
        message: "Rate limit reached for requests. Please try again in 1s. (emulated)",
        type: "requests",
        code: "rate_limit_exceeded",
        headers: [.retryAfter: "1"])
}

extension EmulatorJSON {
    /// How OpenAI's validation messages name this value's type ("a string", "an object", ...).
    var openAITypeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int: return "an integer"
        case .double: return "a decimal"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
