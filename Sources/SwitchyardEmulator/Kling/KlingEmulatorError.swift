import Foundation
import Hummingbird

/// An error answered as Kling does: the code's status with `{"code","message","request_id","data":null}`.
struct KlingEmulatorError: Error, Sendable {
    let status: HTTPResponse.Status
    /// Kling's business code (1000–1004 auth, 1100–1103 account, 1200–1203 request, 1300–1304 policy, 5000–5002).
    let code: Int
    let message: String
    var headers: HTTPFields = [:]

    var response: Response {
        let body = EmulatorJSON.object([
            ("code", .int(code)), ("message", .string(message)), ("request_id", .string(UUID().uuidString.lowercased())), ("data", .null),
        ])
        var response = EmulatorResponse.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// 401 1001: no `Authorization: Bearer` token.
    static let authorizationEmpty = KlingEmulatorError(status: .unauthorized, code: 1001, message: "Authorization is empty")
    /// 401 1002: a token that is not a JWT, names an unknown access key, or is not signed with its secret key.
    static let authorizationInvalid = KlingEmulatorError(status: .unauthorized, code: 1002, message: "Authorization is invalid")
    /// 401 1003: a token before its `nbf`.
    static let authorizationNotYetValid = KlingEmulatorError(status: .unauthorized, code: 1003, message: "Authorization is not yet valid")
    /// 401 1004: a token after its `exp`.
    static let authorizationExpired = KlingEmulatorError(status: .unauthorized, code: 1004, message: "Authorization has expired")
    /// 429 1102: the account's resource pack is spent.
    static let balanceDepleted = KlingEmulatorError(
        status: .tooManyRequests, code: 1102, message: "Account balance not enough, resource pack depleted or expired")
    /// 400 1301: the content security policy refused the request.
    static let contentPolicy = KlingEmulatorError(
        status: .badRequest, code: 1301, message: "Failure to pass the risk control system: the content security policy was triggered")

    /// 400 1201: a field is missing, of the wrong type or out of range.
    static func invalidParameters(_ message: String) -> KlingEmulatorError {
        KlingEmulatorError(status: .badRequest, code: 1201, message: message)
    }

    /// 404 1203: the task (or video) named does not exist for this account.
    static func notFound(_ message: String) -> KlingEmulatorError {
        KlingEmulatorError(status: .notFound, code: 1203, message: message)
    }
}

/// Kling's vocabulary for the shared request steps and the error faults.
struct KlingVocabulary: EmulatorErrorVocabulary {
    var unauthorized: Response {
        KlingEmulatorError.authorizationEmpty.response
    }

    func faultResponse(_ fault: EmulatorFault, successStatus: HTTPResponse.Status) -> Response? {
        switch fault {
        case .serverError:
            return KlingEmulatorError(status: .internalServerError, code: 5000, message: "Server internal error (emulated)").response
        case .rateLimited:
            return KlingEmulatorError(
                status: .tooManyRequests, code: 1302, message: "API request too fast (emulated)", headers: [.retryAfter: "1"]
            ).response
        case .malformed:
            return EmulatorResponse.raw(#"{"code":0,"message":"SUCCEED","data":{"task_id":"unterminated"#, status: .ok)
        case .slow, .timeout, .drop, .cut, .fail, .partial, .lateCancel, .garbage, .slowBody:
            return nil
        }
    }

    func response(for error: any Error) -> Response? {
        switch error {
        case let error as KlingEmulatorError: return error.response
        case let error as EmulatorHTTPError:
            let code = error.status == .notFound ? 1203 : 1201
            let status: HTTPResponse.Status = error.status == .unprocessableContent ? .badRequest : error.status
            return KlingEmulatorError(status: status, code: code, message: error.detail, headers: error.headers).response
        default: return nil
        }
    }
}
