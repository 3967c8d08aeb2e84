import NIOHTTP1

/// `mj-api-secret: <key>`, how a midjourney-proxy upstream takes its key.
public struct MidjourneyAuthorizer: UpstreamAuthorizer {
    /// The header, also accepted from customers besides `Authorization: Bearer`.
    static let header = "mj-api-secret"

    public init() {}

    public func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws {
        headers.replaceOrAdd(name: Self.header, value: credential.key)
    }
}
