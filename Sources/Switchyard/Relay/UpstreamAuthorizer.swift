import NIOHTTP1

/// Turns a channel's credential into the headers its provider expects. Each family picks one; the executor only
/// calls it. Kling's JWT signer or Ideogram's `Api-Key` are further conformances.
public protocol UpstreamAuthorizer: Sendable {
    func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws
}

/// `Authorization: Bearer <key>`, what most providers take.
public struct BearerAuthorizer: UpstreamAuthorizer {
    public init() {}

    public func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws {
        headers.replaceOrAdd(name: "Authorization", value: "Bearer \(credential.key)")
    }
}
