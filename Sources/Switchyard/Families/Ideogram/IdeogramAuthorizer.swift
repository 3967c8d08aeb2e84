import HTTPTypes
import NIOHTTP1

/// Ideogram's header: `Api-Key: <key>`, not a bearer token.
public struct IdeogramAuthorizer: UpstreamAuthorizer {
    /// The header Ideogram reads keys from (its clients send a Switchyard key there too).
    // The literal is a valid token, so the failable initializer cannot fail.
    static let header = HTTPField.Name("Api-Key")!

    public init() {}

    public func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws {
        headers.remove(name: "Authorization")
        headers.replaceOrAdd(name: Self.header.rawName, value: credential.key)
    }
}
