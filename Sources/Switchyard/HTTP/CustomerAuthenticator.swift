import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Finds the customer's token from the request's credentials (Bearer by default; families name extra headers
/// such as Anthropic's `x-api-key`).
///
/// Calls that spend read the token from the store every time. Read-only calls (task queries, lists) may use an
/// answer at most `cacheMillis` old: the hot query path then costs one store read instead of two.
public struct CustomerAuthenticator: Sendable {
    let tokens: TokenStore
    let cacheMillis: Int64
    private let cache = TokenCache()
    private let limiter = RequestRateLimiter()

    public init(tokens: TokenStore, cacheMillis: Int64 = 1_000) {
        self.tokens = tokens
        self.cacheMillis = cacheMillis
    }

    /// The caller's token, after every check that does not depend on what is called: known and active, not
    /// expired, its user active, used from an allowed address, within its own and its user's request rate.
    public func authenticate(
        _ request: Request, context: GatewayRequestContext? = nil, extraHeaders: [HTTPField.Name] = [], readOnly: Bool = false
    ) async throws -> Token {
        guard let key = Self.key(in: request, extraHeaders: extraHeaders) else { throw GatewayError.unauthenticated }
        let now = tokens.clock.nowMillis()
        let token: Token
        if readOnly, let cached = cache.token(forKey: key, now: now, maxAge: cacheMillis) {
            token = cached
        } else {
            let generation = cache.generation
            guard let found = try await tokens.authenticate(key: key) else { throw GatewayError.unauthenticated }
            cache.store(found, forKey: key, now: now, readInGeneration: generation)
            token = found
        }
        if let expiresAt = token.expiresAt, now >= expiresAt { throw GatewayError.keyExpired }
        if let blocks = token.allowedIPs {
            guard let address = context?.remoteAddress, blocks.contains(where: { AddressBlock($0)?.contains(address) ?? false }) else {
                throw GatewayError.forbidden("This API key may not be used from this address")
            }
        }
        if let limit = token.requestsPerMinute, let wait = limiter.admit(token.id, limit: limit, now: now) {
            throw GatewayError.tooManyRequests(retryAfter: wait)
        }
        // A user's limit covers all of their keys together.
        if let owner = token.owner, let limit = owner.requestsPerMinute, let wait = limiter.admit(owner.userID, limit: limit, now: now) {
            throw GatewayError.tooManyRequests(retryAfter: wait)
        }
        return token
    }

    /// Drops cached answers for a key, or for every key of a user, after an operator changed them through this
    /// process (revoked, disabled, limits edited), so that even read-only calls see the change at once. (A change
    /// made by the CLI reaches read-only calls within the cache's second; spending calls always read the store.)
    public func forget(tokenID: String? = nil, userID: String? = nil) {
        cache.remove { token in token.id == tokenID || (userID != nil && token.userID == userID) }
    }

    /// `token` as the store has it now when its read is old enough that the spend buffer may have forgotten
    /// writes made after it (a slow upload between authentication and the relay); otherwise `token` itself.
    public func fresh(_ token: Token) async throws -> Token {
        guard tokens.clock.nowMillis() - token.readAt > SpendBuffer.memoryMillis / 2 else { return token }
        guard let reread = try await tokens.reread(token) else { throw GatewayError.unauthenticated }
        return reread
    }

    static func key(in request: Request, extraHeaders: [HTTPField.Name]) -> String? {
        if let authorization = request.headers[.authorization] {
            let trimmed = authorization.drop { $0 == " " }
            if trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " {
                let key = trimmed.dropFirst(7).drop { $0 == " " }
                if !key.isEmpty { return String(key) }
            }
        }
        for header in extraHeaders {
            if let value = request.headers[header], !value.isEmpty { return value }
        }
        return nil
    }
}

/// Recently authenticated tokens by key, kept briefly and in bounded number.
private final class TokenCache: Sendable {
    private let entries = Mutex<[String: (token: Token, at: Int64)]>([:])
    /// Moved by every removal: a read that began before one must not put back what it removed.
    private let generations = Atomic<Int>(0)

    var generation: Int { generations.load(ordering: .acquiring) }

    func token(forKey key: String, now: Int64, maxAge: Int64) -> Token? {
        entries.withLock { entries in
            guard let entry = entries[key], now - entry.at <= maxAge else { return nil }
            return entry.token
        }
    }

    func remove(where matches: (Token) -> Bool) {
        entries.withLock { entries in
            generations.add(1, ordering: .releasing)
            entries = entries.filter { !matches($0.value.token) }
        }
    }

    func store(_ token: Token, forKey key: String, now: Int64, readInGeneration generation: Int) {
        entries.withLock { entries in
            guard generations.load(ordering: .acquiring) == generation else { return }
            if entries.count >= 10_000 { entries.removeAll(keepingCapacity: true) }
            entries[key] = (token, now)
        }
    }
}
