import SQLKit

/// The money ledger: every change of a balance is an append-only entry with an idempotency key, written in the
/// same transaction as the balance it changes (tokens' and users' quota, used and held columns stay in step).
///
/// A hold reserves money before work starts; it ends in exactly one settle or one refund. Exactly-once is enforced
/// by the store, not by callers: the settle and the refund of one hold share one idempotency key
/// (`final:<reference>`), so whichever is written first wins and every later attempt, concurrent or after a
/// restart, changes nothing. A key's spend counts against its own quota and against its user's balance alike.
public enum Ledger {
    /// How a hold ends.
    public enum Resolution: String, Sendable {
        case settle
        case refund
    }

    /// Money put on an account by an operator.
    public enum Credit: String, Sendable {
        case topup
        /// A correction, either sign.
        case adjustment
    }

    /// The entry kinds that make up an account's quota: its opening amount, then every credit.
    public static let quotaKinds = ["opening", Credit.topup.rawValue, Credit.adjustment.rawValue]

    /// Who a credit goes to.
    public enum Account: Sendable {
        case token(String)
        case user(String)
    }

    /// The largest amount one entry may move: a billion dollars keeps every sum far from overflowing.
    public static let maximumEntryMicros: Int64 = 1_000_000_000 * Money.microsPerDollar

    /// Reserves `amountMicros` on the token and its user inside the caller's transaction, or throws
    /// `insufficientQuota` (the caller's transaction then rolls back whatever was reserved).
    ///
    /// - Parameter price: the price in force, recorded on the entry.
    public static func hold(
        in sql: any SQLDatabase, tokenID: String, amountMicros: Int64, reference: String, price: String, now: Int64
    ) async throws {
        precondition(amountMicros >= 0, "a hold is never negative")
        let reserved = try await sql.raw(
            """
            UPDATE tokens SET held_micros = held_micros + \(bind: amountMicros)
            WHERE id = \(bind: tokenID) AND status = 'active'
              AND (quota_micros IS NULL OR quota_micros - used_micros - held_micros >= \(bind: amountMicros))
            RETURNING user_id
            """
        ).first()
        guard let reserved else { throw GatewayError.insufficientQuota(neededMicros: amountMicros) }
        let userID = try reserved.decode(column: "user_id", as: String?.self)
        if let userID {
            let userReserved = try await sql.raw(
                """
                UPDATE users SET held_micros = held_micros + \(bind: amountMicros)
                WHERE id = \(bind: userID) AND status = 'active'
                  AND (quota_micros IS NULL OR quota_micros - used_micros - held_micros >= \(bind: amountMicros))
                RETURNING id
                """
            ).first()
            guard userReserved != nil else { throw GatewayError.insufficientQuota(neededMicros: amountMicros) }
        }
        try await sql.raw(
            """
            INSERT INTO ledger_entries (token_id, user_id, kind, amount_micros, idempotency_key, reference, price, created_at)
            VALUES (\(bind: tokenID), \(bind: userID), 'hold', \(bind: amountMicros), \(bind: "hold:" + reference), \(bind: reference),
                    \(bind: price), \(bind: now))
            """
        ).run()
    }

    /// Ends the hold of `reference` inside the caller's transaction. Returns false when it was already ended (or
    /// never held), in which case nothing changes.
    ///
    /// - Parameter settleMicros: what to charge on settle; defaults to the amount held. Ignored on refund.
    @discardableResult
    public static func resolve(
        in sql: any SQLDatabase, reference: String, as resolution: Resolution, settleMicros: Int64? = nil, detail: String? = nil, now: Int64
    ) async throws -> Bool {
        guard
            let hold = try await sql.raw(
                """
                SELECT token_id, user_id, amount_micros, price FROM ledger_entries WHERE idempotency_key = \(bind: "hold:" + reference)
                """
            ).first()
        else { return false }
        let tokenID = try hold.decode(column: "token_id", as: String.self)
        let userID = try hold.decode(column: "user_id", as: String?.self)
        let held = try hold.decode(column: "amount_micros", as: Int64.self)
        let charged = resolution == .settle ? min(settleMicros ?? held, held) : 0
        let inserted = try await sql.raw(
            """
            INSERT INTO ledger_entries (token_id, user_id, kind, amount_micros, idempotency_key, reference, detail, price, created_at)
            VALUES (\(bind: tokenID), \(bind: userID), \(bind: resolution.rawValue), \(bind: resolution == .settle ? charged : held),
                    \(bind: "final:" + reference), \(bind: reference), \(bind: detail), \(bind: try hold.decode(column: "price", as: String?.self)),
                    \(bind: now))
            ON CONFLICT(idempotency_key) DO NOTHING
            RETURNING id
            """
        ).first()
        guard inserted != nil else { return false }
        try await sql.raw(
            """
            UPDATE tokens SET held_micros = held_micros - \(bind: held), used_micros = used_micros + \(bind: charged) WHERE id = \(bind: tokenID)
            """
        ).run()
        if let userID {
            try await sql.raw(
                """
                UPDATE users SET held_micros = held_micros - \(bind: held), used_micros = used_micros + \(bind: charged) WHERE id = \(bind: userID)
                """
            ).run()
        }
        return true
    }

    /// Records a charge that needed no hold (a synchronous call reserved in memory) and adds it to the token's and
    /// its user's spend. Returns false when `idempotencyKey` was already written.
    @discardableResult
    public static func charge(
        in sql: any SQLDatabase, tokenID: String, userID: String?, amountMicros: Int64, idempotencyKey: String, reference: String,
        detail: String, price: String, now: Int64
    ) async throws -> Bool {
        let inserted = try await sql.raw(
            """
            INSERT INTO ledger_entries (token_id, user_id, kind, amount_micros, idempotency_key, reference, detail, price, created_at)
            VALUES (\(bind: tokenID), \(bind: userID), 'charge', \(bind: amountMicros), \(bind: idempotencyKey), \(bind: reference),
                    \(bind: detail), \(bind: price), \(bind: now))
            ON CONFLICT(idempotency_key) DO NOTHING
            RETURNING id
            """
        ).first()
        guard inserted != nil else { return false }
        try await sql.raw("UPDATE tokens SET used_micros = used_micros + \(bind: amountMicros) WHERE id = \(bind: tokenID)").run()
        if let userID {
            try await sql.raw("UPDATE users SET used_micros = used_micros + \(bind: amountMicros) WHERE id = \(bind: userID)").run()
        }
        return true
    }

    /// Adds `amountMicros` (a top-up, or an adjustment of either sign) to an account's quota inside the caller's
    /// transaction. Returns false when the account does not exist. The same `idempotencyKey` again changes nothing
    /// (and is refused if it comes with another amount). Unlimited accounts take no credit, and no credit may leave
    /// a quota below zero.
    @discardableResult
    public static func credit(
        in sql: any SQLDatabase, account: Account, kind: Credit, amountMicros: Int64, idempotencyKey: String, detail: String?, now: Int64
    ) async throws -> Bool {
        guard amountMicros != 0, abs(amountMicros) <= maximumEntryMicros, kind == .adjustment || amountMicros > 0 else {
            throw GatewayError.validation(
                field: "amount", kind == .topup ? "must be positive and at most 1000000000" : "must not be zero and at most 1000000000 either way")
        }
        let (table, tokenID, userID): (String, String?, String?)
        switch account {
        case .token(let id): (table, tokenID, userID) = ("tokens", id, nil)
        case .user(let id): (table, tokenID, userID) = ("users", nil, id)
        }
        let id = tokenID ?? userID ?? ""
        guard let row = try await sql.raw("SELECT quota_micros FROM \(unsafeRaw: table) WHERE id = \(bind: id)").first() else { return false }
        guard let quota = try row.decode(column: "quota_micros", as: Int64?.self) else {
            throw GatewayError.conflict("\(id) is unlimited; credits apply only to accounts with a balance")
        }
        let inserted = try await sql.raw(
            """
            INSERT INTO ledger_entries (token_id, user_id, kind, amount_micros, idempotency_key, reference, detail, created_at)
            VALUES (\(bind: tokenID), \(bind: userID), \(bind: kind.rawValue), \(bind: amountMicros), \(bind: idempotencyKey), \(bind: id),
                    \(bind: detail), \(bind: now))
            ON CONFLICT(idempotency_key) DO NOTHING RETURNING id
            """
        ).first()
        guard inserted != nil else {
            let earlier = try await sql.raw("SELECT amount_micros FROM ledger_entries WHERE idempotency_key = \(bind: idempotencyKey)").first()
            guard try earlier?.decode(column: "amount_micros", as: Int64.self) == amountMicros else {
                throw GatewayError.conflict("This idempotency key was already used for a different amount")
            }
            return true
        }
        let (sum, overflow) = quota.addingReportingOverflow(amountMicros)
        guard !overflow, sum >= 0, sum <= Int64.max / 4 else {
            throw GatewayError.validation(field: "amount", "would take the balance out of range")
        }
        try await sql.raw("UPDATE \(unsafeRaw: table) SET quota_micros = \(bind: sum) WHERE id = \(bind: id)").run()
        return true
    }

    /// Records the quota an account starts with (zero included) inside the caller's transaction, as the `opening`
    /// entry every later credit adds to. An account without one is unlimited. Written once per account.
    static func open(in sql: any SQLDatabase, account: Account, quotaMicros: Int64, now: Int64) async throws {
        let (tokenID, userID): (String?, String?)
        switch account {
        case .token(let id): (tokenID, userID) = (id, nil)
        case .user(let id): (tokenID, userID) = (nil, id)
        }
        let id = tokenID ?? userID ?? ""
        try await sql.raw(
            """
            INSERT INTO ledger_entries (token_id, user_id, kind, amount_micros, idempotency_key, reference, created_at)
            VALUES (\(bind: tokenID), \(bind: userID), 'opening', \(bind: quotaMicros), \(bind: "opening:" + id), \(bind: id), \(bind: now))
            """
        ).run()
    }

    /// One ledger entry, for tests and operators.
    public struct Entry: Sendable, Equatable {
        public let kind: String
        public let amountMicros: Int64
        public let reference: String?
        public var price: String? = nil
    }

    /// Every entry about `reference`, oldest first.
    public static func entries(in sql: any SQLDatabase, reference: String) async throws -> [Entry] {
        try await sql.raw("SELECT kind, amount_micros, reference, price FROM ledger_entries WHERE reference = \(bind: reference) ORDER BY id")
            .all()
            .map {
                Entry(
                    kind: try $0.decode(column: "kind", as: String.self),
                    amountMicros: try $0.decode(column: "amount_micros", as: Int64.self),
                    reference: try $0.decode(column: "reference", as: String?.self), price: try $0.decode(column: "price", as: String?.self))
            }
    }
}
