import Foundation
import Hummingbird

/// Kling's envelope around every answer: `{"code":0,"message":"SUCCEED","request_id","data"}`, and the error
/// answers in the same shape.
enum KlingEnvelope {
    /// A success around already-encoded JSON `data`.
    static func response(data: String) -> Response {
        .json(#"{"code":0,"message":"SUCCEED","request_id":"# + JSONValue.string(requestID()).encoded() + #","data":"# + data + "}")
    }

    /// A fresh `request_id`.
    static func requestID() -> String {
        UUID().uuidString.lowercased()
    }

    /// An upstream refusal as a customer error: Kling's own message and code for a refusal of the request itself
    /// (it names no secret); the executor's classification for everything else.
    static func upstreamError(_ response: UpstreamResponse) -> GatewayError {
        let body = response.json
        guard let number = body?["code"]?.intValue, let code = KlingErrorCode(rawValue: number) else {
            return response.isSuccess ? .upstreamMalformed : .upstreamStatus(response.status, retryable: false)
        }
        let message = body?["message"]?.stringValue.flatMap { $0.isEmpty || $0.count > 300 ? nil : $0 } ?? "The provider refused the request"
        switch code {
        case .invalidRequest, .invalidParameters, .notFound, .platformPolicy, .contentPolicy:
            return .upstreamRejected(status: code.status, message: message + KlingErrorCode.suffix(number))
        default:
            return response.isSuccess ? .upstreamMalformed : .upstreamStatus(response.status, retryable: false)
        }
    }
}
