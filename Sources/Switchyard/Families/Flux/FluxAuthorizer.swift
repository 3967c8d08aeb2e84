import NIOHTTP1

/// Black Forest Labs' header: the channel key as `x-key`.
public struct FluxAuthorizer: UpstreamAuthorizer {
    public init() {}

    public func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws {
        headers.replaceOrAdd(name: "x-key", value: credential.key)
    }
}
