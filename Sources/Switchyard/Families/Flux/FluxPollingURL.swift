import Foundation
import HTTPTypes
import Hummingbird

/// Where a customer polls a Flux task: this gateway's own `get_result`, at its configured public URL
/// (`server.public_url`), else at the address the customer reached it by.
enum FluxPollingURL {
    /// The polling URL of `taskID`: under `publicURL` when the operator set one; otherwise built from the request's
    /// `Host` (and `X-Forwarded-Proto` behind a proxy that ends TLS).
    static func of(taskID: String, publicURL: String?, request: Request) -> String {
        let id = taskID.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(.init(charactersIn: "&=+#"))) ?? taskID
        let path = "/flux/v1/get_result?id=\(id)"
        if let publicURL, !publicURL.isEmpty {
            return (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + path
        }
        let host = request.head.authority ?? "127.0.0.1"
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased()
        let scheme = forwarded == "https" ? "https" : "http"
        return "\(scheme)://\(host)\(path)"
    }
}
