import Crypto
import Foundation
import Synchronization

/// Signed Kling tokens by key pair, reused until shortly before they expire.
public final class KlingTokenCache: Sendable {
    /// The process's cache.
    public static let shared = KlingTokenCache()

    private struct Entry {
        let token: String
        let expiresAt: Int64
    }

    /// Tokens by a digest of the pair (the secret itself is not kept as a key).
    private let entries = Mutex<[String: Entry]>([:])
    /// How many tokens were signed, by access key: what tests read to see reuse.
    private let signings = Mutex<[String: Int]>([:])

    public init() {}

    /// The token for `pair` at `nowSeconds`: the cached one while it has more than the refresh margin left, else a
    /// newly signed one.
    func token(for pair: KlingKeyPair, nowSeconds: Int64) -> String {
        let key = Self.cacheKey(pair)
        return entries.withLock { entries in
            if let entry = entries[key], nowSeconds < entry.expiresAt - KlingAuthorizer.refreshMarginSeconds,
                nowSeconds >= entry.expiresAt - KlingToken.lifetimeSeconds
            {
                return entry.token
            }
            let token = KlingToken.sign(pair, nowSeconds: nowSeconds)
            entries[key] = Entry(token: token, expiresAt: nowSeconds + KlingToken.lifetimeSeconds)
            signings.withLock { $0[pair.accessKey, default: 0] += 1 }
            return token
        }
    }

    /// How many tokens this cache signed for `accessKey`.
    public func signingCount(accessKey: String) -> Int {
        signings.withLock { $0[accessKey] ?? 0 }
    }

    private static func cacheKey(_ pair: KlingKeyPair) -> String {
        Hex.encode(SHA256.hash(data: Data((pair.accessKey + "\u{0}" + pair.secretKey).utf8)))
    }
}
