import Foundation
import HTTPTypes
import Hummingbird

/// Finds the customer's token from the request's credentials (Bearer by default; families name extra headers
/// such as Anthropic's `x-api-key`).
///
/// Keys come from memory: a key read from the store is used until the store's `accounts` revision moves (any
/// process revoked, disabled or edited a key, user or group) or, for calls that spend, until its balances are too
/// old for the spend buffer to complete (`SpendBuffer.memoryMillis`). A busy key is re-read in the background
/// before that, so a spending call in the steady state reads nothing from the store. When the store cannot tell its
/// revisions (a store in memory), spending calls read the key every time and read-only calls reuse it briefly.
public struct CustomerAuthenticator: Sendable {
    let tokens: TokenStore
    let cacheMillis: Int64
    private let cache = KeyCache()
    private let limiter = RequestRateLimiter()

    /// A spending call's key older than this is re-read in the background; `fresh` re-reads it at once when older
    /// than twice as much.
    static let refreshAfterMillis = SpendBuffer.memoryMillis / 4

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
        let token = try await find(key: key, now: now, readOnly: readOnly)
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

    /// The usable token of `key`, from memory when the store says nothing changed since it was read.
    private func find(key: String, now: Int64, readOnly: Bool) async throws -> Token {
        guard key.hasPrefix("sk-"), key.count < 200 else { throw GatewayError.unauthenticated }
        let hash = CustomerKey.hash(key)
        guard let revisions = tokens.database.currentRevisions() else {
            return try await readWithoutRevisions(hash: hash, now: now, readOnly: readOnly)
        }
        if var cached = cache.token(forHash: hash, accountsRevision: revisions.accounts) {
            let age = now - cached.readAt
            if readOnly || age <= SpendBuffer.memoryMillis / 2 {
                if !readOnly, age > Self.refreshAfterMillis { refreshInBackground(hash: hash, accountsRevision: revisions.accounts) }
                // Channels and prices are routed at the store's settings revision as of this call.
                cached.settingsRevision = max(cached.settingsRevision, revisions.settings)
                return cached
            }
        }
        guard let found = try await tokens.authenticate(keyHash: hash) else {
            cache.remove(hash: hash)
            throw GatewayError.unauthenticated
        }
        cache.store(found, forHash: hash, accountsRevision: revisions.accounts)
        return found
    }

    /// Re-reads a busy key's balances before they are too old to use, off the caller's path.
    private func refreshInBackground(hash: String, accountsRevision: Int64) {
        guard cache.beginRefresh(hash: hash) else { return }
        let tokens = tokens
        let cache = cache
        Task {
            defer { cache.endRefresh(hash: hash) }
            if let found = try? await tokens.authenticate(keyHash: hash) {
                cache.store(found, forHash: hash, accountsRevision: accountsRevision)
            } else {
                cache.remove(hash: hash)
            }
        }
    }

    /// A store whose revisions cannot be watched: spending calls read the key every time, read-only calls may
    /// reuse a read at most `cacheMillis` old.
    private func readWithoutRevisions(hash: String, now: Int64, readOnly: Bool) async throws -> Token {
        if readOnly, let cached = cache.token(forHash: hash, accountsRevision: 0), now - cached.readAt <= cacheMillis { return cached }
        guard let found = try await tokens.authenticate(keyHash: hash) else {
            cache.remove(hash: hash)
            throw GatewayError.unauthenticated
        }
        cache.store(found, forHash: hash, accountsRevision: 0)
        return found
    }

    /// `token` as the store has it now, for answers that report a balance: a key from memory may be up to a second
    /// old, and its balance does not count what this process spent since.
    public func current(_ token: Token) async throws -> Token {
        guard let reread = try await tokens.reread(token) else { throw GatewayError.unauthenticated }
        return reread
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
