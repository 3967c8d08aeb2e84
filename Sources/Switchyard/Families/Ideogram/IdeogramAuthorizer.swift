import NIOHTTP1

/// Ideogram's header: `Api-Key: <key>`, not a bearer token.
public struct IdeogramAuthorizer: UpstreamAuthorizer {
    public init() {}

    public func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws {
        headers.remove(name: "Authorization")
        headers.replaceOrAdd(name: "Api-Key", value: credential.key)
    }
}
