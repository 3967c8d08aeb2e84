import Hummingbird

/// An error answered as the upstream does: the given status with a `{"detail": "<message>"}` JSON body.
struct EmulatorHTTPError: Error, Sendable {
    /// HTTP status of the answer.
    let status: HTTPResponse.Status
    /// Human-readable message placed in `detail`.
    let detail: String
    /// Extra headers, e.g. `Retry-After` on a 429.
    var headers: HTTPFields = [:]

    /// The JSON response for this error.
    var response: Response {
        var response = EmulatorResponse.json(.object([("detail", .string(detail))]), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// 400: the body is JSON but a value is not acceptable.
    static func badRequest(_ detail: String) -> EmulatorHTTPError {
        EmulatorHTTPError(status: .badRequest, detail: detail)
    }

    /// 404: the named resource does not exist.
    static func notFound(_ detail: String) -> EmulatorHTTPError {
        EmulatorHTTPError(status: .notFound, detail: detail)
    }

    /// 422: the body is not a JSON object or a field has the wrong type.
    static func unprocessable(_ detail: String) -> EmulatorHTTPError {
        EmulatorHTTPError(status: .unprocessableContent, detail: detail)
    }
}

/// Thrown after a fault closed the connection: there is nothing left to answer.
struct EmulatorConnectionClosed: Error, Sendable {}
