import Crypto
import Foundation

/// The JSON Web Token Kling takes as its Bearer credential: HS256 over `{"iss": access key, "exp", "nbf"}`, signed
/// with the secret key. Twenty lines with swift-crypto's HMAC instead of a JWT library: this is the only token the
/// gateway signs, always with the same header and three claims.
enum KlingToken {
    /// How long a token is valid after it is signed.
    static let lifetimeSeconds: Int64 = 1_800
    /// How far `nbf` lies before the signing time, for upstream clocks slightly behind.
    static let notBeforeLeewaySeconds: Int64 = 5

    /// The token for `pair`, signed at `nowSeconds` (epoch seconds).
    static func sign(_ pair: KlingKeyPair, nowSeconds: Int64) -> String {
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let claims = JSONValue.object([
            "iss": .string(pair.accessKey), "exp": .number(Double(nowSeconds + lifetimeSeconds)),
            "nbf": .number(Double(nowSeconds - notBeforeLeewaySeconds)),
        ]).encoded()
        let signingInput = base64URL(Data(header.utf8)) + "." + base64URL(Data(claims.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: SymmetricKey(data: Data(pair.secretKey.utf8)))
        return signingInput + "." + base64URL(Data(signature))
    }

    /// Base64url without padding (RFC 7515).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
