import NIOHTTP1

/// Signs Kling's upstream credential: `Authorization: Bearer <JWT>` from the channel's key pair. A token is reused
/// for every call until `refreshMarginSeconds` before it expires, then replaced before any call could present an
/// expired one (so no call fails for it).
public struct KlingAuthorizer: UpstreamAuthorizer {
    /// How long before expiry a token is replaced.
    static let refreshMarginSeconds: Int64 = 300

    let clock: Clock
    let cache: KlingTokenCache

    /// - Parameters:
    ///   - clock: the time tokens are signed and judged at (tests inject their own).
    ///   - cache: where signed tokens wait for reuse; one per process by default, shared by every place that
    ///     authorizes Kling calls (submits, polls, probes).
    public init(clock: Clock = .wall, cache: KlingTokenCache = .shared) {
        self.clock = clock
        self.cache = cache
    }

    public func authorize(_ headers: inout HTTPHeaders, with credential: UpstreamCredential) throws {
        let pair = try KlingKeyPair(credential)
        headers.replaceOrAdd(name: "Authorization", value: "Bearer \(cache.token(for: pair, nowSeconds: clock.nowMillis() / 1000))")
    }
}
