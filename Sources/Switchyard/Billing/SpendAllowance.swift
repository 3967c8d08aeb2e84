import Foundation
import SQLKit
import Synchronization

/// Leased allowances: how several gateway instances on one PostgreSQL spend one balance without overspending it,
/// while each call still reserves in memory (`SpendBuffer`).
///
/// Each instance leases from the store a share of every balance it spends from: a row of `spend_leases` (instance,
/// account, amount, until). A lease is granted in one serializable transaction only out of what the balance has
/// left after its written spend, its holds and every other instance's unexpired leases, so the leases of all
/// instances together never exceed the balance. An instance reserves calls against its own lease only: the buffer is
/// handed the key with the lease as its whole balance, read at the moment of the grant (so charges written since
/// count against it, as they count against a row read from the store). When a lease is used up, or older than
/// `refreshMillis`, the next call renews it (one transaction), sized to what the instance has outstanding plus room for
/// several more such calls.
///
/// A crashed instance's leases simply run out (`leaseMillis`); nothing is charged for them, and other instances
/// grant themselves the money again. A lease is never returned to a balance by writing it: it expires, or its
/// holder's next renewal shrinks it to what it needs.
///
/// On SQLite one process owns the store and this is not used.
public final class SpendAllowance: Sendable {
    private struct Grant {
        var amount: Int64
        var sequence: UInt64
        var at: Int64
    }

    let database: Database
    let spend: SpendBuffer
    let clock: Clock
    /// This gateway instance, as its leases name it.
    let instanceID: String
    /// How long a lease holds without renewal: after a crash, its money is free again after this long.
    let leaseMillis: Int64
    /// A grant is used for at most this long before it is renewed; shorter than the spend buffer's memory of
    /// writes, so every charge written since the grant still counts against it.
    static let refreshMillis: Int64 = SpendBuffer.memoryMillis / 2
    private let grants = Mutex<[String: Grant]>([:])
    private let renewing = AsyncSerialLock()

    public init(database: Database, spend: SpendBuffer, clock: Clock = .wall, leaseMillis: Int64 = 15_000) {
        self.database = database
        self.spend = spend
        self.clock = clock
        self.leaseMillis = leaseMillis
        self.instanceID = "gw_" + UUID().uuidString.lowercased()
    }

    /// Reserves `amount` for a call of `token` against this instance's leases, renewing them when they do not cover
    /// it; throws `insufficientQuota` when the balance cannot.
    public func reserve(_ amount: Int64, for token: Token) async throws {
        guard token.balances.contains(where: { $0.remaining != nil }) else { return try spend.reserve(amount, for: token) }
        if let leased = leasedView(of: token), (try? spend.reserve(amount, for: leased)) != nil { return }
        try await renewing.withLock { try await renew(for: token, adding: amount) }
        guard let leased = leasedView(of: token) else { throw GatewayError.insufficientQuota(neededMicros: amount) }
        try spend.reserve(amount, for: leased)
    }

    /// `token` with each limited balance replaced by this instance's fresh lease on it (nil when one is missing or
    /// due for renewal).
    private func leasedView(of token: Token) -> Token? {
        let now = clock.nowMillis()
        let held = grants.withLock { $0 }
        func fresh(_ account: String) -> Grant? {
            guard let grant = held[account], now - grant.at < Self.refreshMillis else { return nil }
            return grant
        }
        let tokenGrant = token.quotaMicros == nil ? nil : fresh(token.id)
        if token.quotaMicros != nil, tokenGrant == nil { return nil }
        var ownerGrant: Grant?
        if let owner = token.owner, owner.quotaMicros != nil {
            guard let grant = fresh(owner.userID) else { return nil }
            ownerGrant = grant
        }
        var leased = Token(
            id: token.id, name: token.name, keyHint: token.keyHint, quotaMicros: tokenGrant?.amount, usedMicros: 0, heldMicros: 0,
            status: token.status, createdAt: token.createdAt)
        leased.userID = token.userID
        leased.owner = token.owner.map { owner in
            TokenOwner(
                userID: owner.userID, role: owner.role, quotaMicros: ownerGrant?.amount, usedMicros: 0, heldMicros: 0,
                requestsPerMinute: owner.requestsPerMinute, group: owner.group, multiplierPermille: owner.multiplierPermille)
        }
        // The oldest grant's moment: every charge written since then counts against the leases.
        let grantsUsed = [tokenGrant, ownerGrant].compactMap { $0 }
        leased.readSequence = grantsUsed.map(\.sequence).min() ?? 0
        leased.readAt = grantsUsed.map(\.at).min() ?? now
        return leased
    }

    /// Grants this instance new leases on every limited balance of `token`: what it has outstanding on each, plus
    /// `amount`, plus room for several more calls of that size, as far as the balance allows.
    private func renew(for token: Token, adding amount: Int64) async throws {
        let sequence = ReadSequence.next()
        let now = clock.nowMillis()
        var limited: [(account: String, table: String)] = []
        if token.quotaMicros != nil { limited.append((token.id, "tokens")) }
        if let owner = token.owner, owner.quotaMicros != nil { limited.append((owner.userID, "users")) }
        let accounts = limited
        let outstanding = accounts.map { spend.outstanding(account: $0.account) }
        let instanceID = self.instanceID
        let until = now + leaseMillis
        let (room, overflow) = amount.multipliedReportingOverflow(by: 8)
        let wanted = outstanding.map { Money.saturatingAdd($0, overflow ? .max : room) }
        let granted = try await database.transaction { sql -> [String: Int64] in
            var granted: [String: Int64] = [:]
            for (index, (account, table)) in accounts.enumerated() {
                let row = try await sql.raw(
                    """
                    SELECT CAST(a.quota_micros - a.used_micros - a.held_micros - COALESCE(
                        (SELECT SUM(l.amount_micros) FROM spend_leases l
                         WHERE l.account = a.id AND l.instance_id <> \(bind: instanceID) AND l.lease_until > \(bind: now)), 0) AS BIGINT) AS available
                    FROM \(unsafeRaw: table) a WHERE a.id = \(bind: account)
                    """
                ).first()
                let available = max(0, try row?.decode(column: "available", as: Int64?.self) ?? 0)
                let grant = min(available, wanted[index])
                try await sql.raw(
                    """
                    INSERT INTO spend_leases (instance_id, account, amount_micros, lease_until)
                    VALUES (\(bind: instanceID), \(bind: account), \(bind: grant), \(bind: until))
                    ON CONFLICT(instance_id, account) DO UPDATE SET amount_micros = excluded.amount_micros, lease_until = excluded.lease_until
                    """
                ).run()
                granted[account] = grant
            }
            return granted
        }
        grants.withLock { grants in
            for (account, amount) in granted { grants[account] = Grant(amount: amount, sequence: sequence, at: now) }
        }
    }

    /// Gives this instance's leases back (at shutdown): the money is free for the others at once.
    public func releaseAll() async {
        let instanceID = self.instanceID
        _ = try? await database.write { sql in try await sql.raw("DELETE FROM spend_leases WHERE instance_id = \(bind: instanceID)").run() }
        grants.withLock { $0.removeAll() }
    }
}

extension SpendBuffer {
    /// Reserves `amount` for a call of `token`: through this instance's leased allowance on a store shared by several
    /// instances, in this buffer alone otherwise.
    func reserve(_ amount: Int64, for token: Token, through allowance: SpendAllowance?) async throws {
        if let allowance { try await allowance.reserve(amount, for: token) } else { try reserve(amount, for: token) }
    }
}
