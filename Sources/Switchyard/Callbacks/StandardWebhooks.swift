import Crypto
import Foundation

/// Signatures of the Standard Webhooks scheme (what Replicate signs its webhooks with): headers `webhook-id`,
/// `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by a
/// `whsec_<base64 key>` secret. Each customer key has its own secret, derived from the gateway's callback signing
/// secret, so no customer can sign for another.
public enum StandardWebhooks {
    /// The signing secret of the customer key `tokenID`, as `whsec_<base64>`.
    public static func secret(forToken tokenID: String, gatewaySecret: String) -> String {
        let key = HMAC<SHA256>.authenticationCode(
            for: Data("standard-webhooks:\(tokenID)".utf8), using: SymmetricKey(data: Data(gatewaySecret.utf8)))
        return "whsec_" + Data(key).base64EncodedString()
    }

    /// The `webhook-signature` value of `body` sent as message `id` at `timestamp` (epoch seconds) under `secret`;
    /// nil when the secret is not a `whsec_` key.
    public static func signature(id: String, timestamp: String, body: String, secret: String) -> String? {
        guard secret.hasPrefix("whsec_"), let key = Data(base64Encoded: String(secret.dropFirst(6))) else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }
}
