import Crypto
import Foundation

/// Kling's check of its Bearer token: an HS256 JWT whose `iss` is a known access key, signed with that key's secret,
/// with `nbf` ≤ now < `exp` on the emulator's clock.
struct KlingTokenVerifier: Sendable {
    /// Access key → secret key.
    let keys: [String: String]
    /// Epoch seconds now, as the emulator's clock says.
    let nowSeconds: Double

    /// The access key the token of `authorization` (an `Authorization` header value) proves.
    func verify(_ authorization: String?) -> Result<String, KlingEmulatorError> {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else { return .failure(.authorizationEmpty) }
        let token = authorization.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { return .failure(.authorizationEmpty) }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.decode(parts[0]), let claimsData = Self.decode(parts[1]),
            let signature = Self.decode(parts[2]),
            let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any], header["alg"] as? String == "HS256",
            let claims = try? JSONSerialization.jsonObject(with: claimsData) as? [String: Any],
            let issuer = claims["iss"] as? String, let secret = keys[issuer]
        else { return .failure(.authorizationInvalid) }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: SymmetricKey(data: Data(secret.utf8))) else {
            return .failure(.authorizationInvalid)
        }
        if let notBefore = (claims["nbf"] as? NSNumber)?.doubleValue, nowSeconds < notBefore { return .failure(.authorizationNotYetValid) }
        guard let expiry = (claims["exp"] as? NSNumber)?.doubleValue else { return .failure(.authorizationInvalid) }
        guard nowSeconds < expiry else { return .failure(.authorizationExpired) }
        return .success(issuer)
    }

    /// Base64url without padding, decoded.
    private static func decode(_ part: Substring) -> Data? {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text)
    }
}
