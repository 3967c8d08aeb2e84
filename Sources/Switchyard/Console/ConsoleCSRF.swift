import HTTPTypes
import Hummingbird

/// Protection of the console's forms against cross-site requests: every form posts the session's own random token
/// (compared in constant time), and a post that the browser says comes from another site or origin is refused
/// even before the token is looked at.
enum ConsoleCSRF {
    /// The hidden field every console form carries.
    static let fieldName = "csrf"

    /// Why a post must be refused as cross-site, or nil. `Sec-Fetch-Site` must be absent, `same-origin` or `none`
    /// (`same-site` is refused too: another port on the same host is another origin); `Origin`, when sent, must be
    /// this console's own.
    static func crossSiteRefusal(_ request: Request) -> String? {
        if let site = request.headers[.secFetchSite]?.lowercased(), !["same-origin", "none"].contains(site) {
            return "This form was sent from another site."
        }
        if let origin = request.headers[.origin] {
            guard let host = request.head.authority,
                origin == "http://\(host)" || origin == "https://\(host)"
            else { return "This form was sent from another site." }
        }
        return nil
    }

    /// Whether the form carries the session's token.
    static func carriesToken(_ form: ConsoleFormInput, expected: String) -> Bool {
        guard let given = form.values[fieldName] else { return false }
        return constantTimeEqual(Array(given.utf8), Array(expected.utf8))
    }

    /// Compares without stopping at the first difference, so timing tells nothing about how much matched.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
