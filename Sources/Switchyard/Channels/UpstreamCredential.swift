/// A channel's secret as configured: one key for most providers, a key pair where the provider signs tokens
/// (Kling: access key + secret key), plus provider-specific extras. Each family's `UpstreamAuthorizer` turns it
/// into headers; the executor never looks inside.
public struct UpstreamCredential: Sendable, Codable, Equatable {
    public var key: String
    public var secret: String?
    public var extras: [String: String]?

    public init(key: String, secret: String? = nil, extras: [String: String]? = nil) {
        self.key = key
        self.secret = secret
        self.extras = extras
    }
}
