import NIOHTTP1

/// Anthropic's headers: `x-api-key` and an `anthropic-version` (the client's, else a default).
public struct AnthropicAuthorizer: UpstreamAuthorizer {
    public static let defaultVersion = "2023-06-01"

    public init() {}

    public func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws {
        headers.replaceOrAdd(name: "x-api-key", value: credential.key)
        if !headers.contains(name: "anthropic-version") { headers.add(name: "anthropic-version", value: Self.defaultVersion) }
    }
}
