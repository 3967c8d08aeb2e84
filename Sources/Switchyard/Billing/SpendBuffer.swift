import Synchronization

/// Money of synchronous calls (chat, embeddings…), kept off the database on the hot path.
///
/// A call reserves its estimated cost in memory against each balance it draws on (the token's quota and its user's
/// balance, keyed by their ids) as read from the store, less
/// what is reserved here and every charge the row it read cannot contain yet: those not written, and those written
/// after the read began (each read and each write takes a number from one sequence to tell). When a call ends, its
/// actual cost is queued with its usage row; `UsageRecorder` writes the queue in batches, each charge once under its
/// request id. A crash can lose at most the last unwritten batch: calls are then under-charged, never charged twice.
public final class SpendBuffer: Sendable {
    /// One finished call, waiting to be written.
    public struct Charge: Sendable, Equatable {
        public var requestID: String
        public var tokenID: String
        /// The key's user, whose balance the charge also counts against.
        public var userID: String?
        public var family: String
        public var model: String
        public var channelID: Int64?
        public var inputTokens: Int
        public var outputTokens: Int
        public var cachedTokens: Int
        public var costMicros: Int64
        public var latencyMillis: Int64
        public var status: Int
        public var createdAt: Int64
        /// The price in force, recorded on the ledger entry.
        public var price: String

        var accounts: [String] { userID.map { [tokenID, $0] } ?? [tokenID] }
    }

    /// One write of a token's charges: their sum, and the sequence number taken once they were committed.
    private struct Written {
        var sequence: UInt64
        var amount: Int64
        var at: Int64
    }

    /// Every map is keyed by account: a token's id or a user's id.
    private struct State {
        var reserved: [String: Int64] = [:]
        /// Charges settled but not yet written.
        var unwritten: [String: Int64] = [:]
        /// Recent writes, kept briefly for reads that began before them.
        var written: [String: [Written]] = [:]
        var queue: [Charge] = []

        mutating func unreserve(_ amount: Int64, of account: String) {
            reserved[account, default: 0] -= amount
            if reserved[account] == 0 { reserved[account] = nil }
        }

        /// Keeps a write for reads that began before it, forgetting those older than `memoryMillis`.
        mutating func remember(_ write: Written, for account: String) {
            var writes = written[account, default: []]
            writes.removeAll { $0.at < write.at - SpendBuffer.memoryMillis }
            writes.append(write)
            written[account] = writes
        }
    }

    /// How long writes are remembered: far longer than any read-then-reserve takes.
    public static let memoryMillis: Int64 = 2_000

    private let state = Mutex(State())

    public init() {}

    /// Reserves `amount` for a call of `token`, or throws `insufficientQuota` when the token or its user cannot
    /// cover it.
    public func reserve(_ amount: Int64, for token: Token) throws {
        let balances = token.balances
        try state.withLock { state in
            for (account, remaining) in balances {
                guard let remaining else { continue }
                let writtenAfterRead = state.written[account, default: []].reduce(Int64(0)) {
                    $1.sequence > token.readSequence ? Money.saturatingAdd($0, $1.amount) : $0
                }
                let pending = Money.saturatingAdd(
                    Money.saturatingAdd(state.reserved[account, default: 0], state.unwritten[account, default: 0]), writtenAfterRead)
                guard Money.saturatingAdd(pending, amount) <= remaining else { throw GatewayError.insufficientQuota(neededMicros: amount) }
            }
            for (account, _) in balances { state.reserved[account] = Money.saturatingAdd(state.reserved[account, default: 0], amount) }
        }
    }

    /// Ends a reservation with the call's actual charge (zero when it failed), queued for writing.
    public func settle(reserved: Int64, charge: Charge) {
        state.withLock { state in
            for account in charge.accounts {
                state.unreserve(reserved, of: account)
                if charge.costMicros > 0 { state.unwritten[account] = Money.saturatingAdd(state.unwritten[account, default: 0], charge.costMicros) }
            }
            state.queue.append(charge)
        }
    }

    /// Ends a reservation whose money was not spent and is not queued (a task hold that could not be stored).
    public func release(_ amount: Int64, for token: Token) {
        state.withLock { state in
            for (account, _) in token.balances {
                state.unreserve(amount, of: account)
            }
        }
    }

    /// Turns a reservation into a hold the store now has (a task's, committed): reads that began before the commit
    /// cannot contain it, so it is remembered as a write, as a batch of charges is.
    ///
    /// A task reserves here before it holds in the store, so that a task and synchronous calls running at once
    /// cannot both spend the same money: the store sees only written charges, this buffer sees the rest.
    public func holdWritten(_ amount: Int64, for token: Token, now: Int64) {
        let sequence = ReadSequence.next()
        state.withLock { state in
            for (account, _) in token.balances {
                state.unreserve(amount, of: account)
                guard amount > 0 else { continue }
                state.remember(Written(sequence: sequence, amount: amount, at: now), for: account)
            }
        }
    }

    /// Takes up to `limit` queued charges for writing.
    func takeBatch(limit: Int) -> [Charge] {
        state.withLock { state in
            let batch = Array(state.queue.prefix(limit))
            state.queue.removeFirst(batch.count)
            return batch
        }
    }

    /// Marks a batch as written (after its commit): reads that begin from now on see those charges in the store.
    func written(_ batch: [Charge], now: Int64) {
        let sequence = ReadSequence.next()
        var sums: [String: Int64] = [:]
        for charge in batch where charge.costMicros > 0 {
            for account in charge.accounts { sums[account] = Money.saturatingAdd(sums[account, default: 0], charge.costMicros) }
        }
        state.withLock { state in
            for (account, amount) in sums {
                state.unwritten[account, default: 0] -= amount
                if state.unwritten[account] == 0 { state.unwritten[account] = nil }
                state.remember(Written(sequence: sequence, amount: amount, at: now), for: account)
            }
        }
    }

    /// Puts a batch back at the front after a failed write.
    func requeue(_ batch: [Charge]) {
        state.withLock { $0.queue.insert(contentsOf: batch, at: 0) }
    }

    /// What one account has outstanding here: reserved by calls still running, and charged but not yet written
    /// (what `SpendAllowance` must keep leased for this instance).
    public func outstanding(account: String) -> Int64 {
        state.withLock { Money.saturatingAdd($0.reserved[account, default: 0], $0.unwritten[account, default: 0]) }
    }

    /// What is outstanding now, summed over every account: reserved by calls still running, and charged but not
    /// yet written. Both return to zero once traffic stops and the recorder has written its last batch.
    public func outstanding() -> (reserved: Int64, unwritten: Int64) {
        state.withLock { state in
            (
                state.reserved.values.reduce(0, Money.saturatingAdd),
                state.unwritten.values.reduce(0, Money.saturatingAdd)
            )
        }
    }
}
