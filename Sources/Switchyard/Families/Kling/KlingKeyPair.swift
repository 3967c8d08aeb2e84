/// A Kling channel's key pair: the access key names the account (the token's `iss`), the secret key signs.
///
/// An operator adds it as the channel's key in the form `access_key:secret_key` (several pairs separated by commas,
/// used in turn like any channel's keys), or with the secret in the credential's `secret`. Channel listings show
/// neither: they count keys.
struct KlingKeyPair: Sendable, Equatable {
    let accessKey: String
    let secretKey: String

    /// The pair of `credential` (one key of it, as the executor selects).
    init(_ credential: UpstreamCredential) throws {
        if let secret = credential.secret, !secret.isEmpty, !credential.key.contains(":") {
            accessKey = credential.key
            secretKey = secret
        } else if let colon = credential.key.firstIndex(of: ":") {
            accessKey = String(credential.key[..<colon]).trimmingCharacters(in: .whitespaces)
            secretKey = String(credential.key[credential.key.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        } else {
            accessKey = ""
            secretKey = ""
        }
        guard !accessKey.isEmpty, !secretKey.isEmpty else { throw Self.malformed }
    }

    /// The channel was configured without a usable pair; another channel may have one.
    static let malformed = GatewayError(
        .upstreamUnavailable, .badGateway, "A Kling channel's key must be access_key:secret_key", retryable: true)
}
