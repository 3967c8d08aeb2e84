import Foundation
import HTTPTypes
import Hummingbird

/// Where a customer polls a Flux task: this gateway's own `get_result`, at the address the customer reached it by.
enum FluxPollingURL {
    /// The polling URL of `taskID`, built from the request's `Host` (and `X-Forwarded-Proto` behind a proxy that
    /// ends TLS). One small function, so that the gateway's configured public URL can replace it.
    static func of(taskID: String, request: Request) -> String {
        let host = request.head.authority ?? "127.0.0.1"
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased()
        let scheme = forwarded == "https" ? "https" : "http"
        let id = taskID.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(.init(charactersIn: "&=+#"))) ?? taskID
        return "\(scheme)://\(host)/flux/v1/get_result?id=\(id)"
    }
}
