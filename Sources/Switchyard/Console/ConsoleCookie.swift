import Foundation
import HTTPTypes
import Hummingbird

/// The session cookie: the session id only, `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's
/// page sends it), limited to `/console`, and `Secure` when the console is reached over TLS.
enum ConsoleCookie {
    static let name = "switchyard_console"

    /// The session id the request's `Cookie` header carries, if any.
    static func sessionID(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == name { return String(pair[1]) }
            }
        }
        return nil
    }

    /// Sets the cookie for a session that lasts `maxAgeSeconds`.
    static func set(_ id: String, maxAgeSeconds: Int64, secure: Bool) -> String {
        "\(name)=\(id); Path=/console; Max-Age=\(maxAgeSeconds); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// Removes the cookie (sign-out, or a session that no longer holds).
    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// Whether the browser reached the console over TLS: the configured public URL is https, or the proxy in
    /// front says the request came over https.
    static func isSecure(_ request: Request, publicURLIsHTTPS: Bool) -> Bool {
        publicURLIsHTTPS || request.headers[.forwardedProto]?.lowercased() == "https"
    }
}

extension HTTPField.Name {
    static let forwardedProto = Self("X-Forwarded-Proto")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
