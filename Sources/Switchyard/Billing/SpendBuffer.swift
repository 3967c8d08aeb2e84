import Synchronization

/// Money of synchronous calls (chat, embeddings…), kept off the database on the hot path.
///
/// A call reserves its estimated cost in memory against the token's remaining quota as read from the store, less
/// what is reserved here and every charge the row it read cannot contain yet: those not written, and those written
/// after the read began (each read and each write takes a number from one sequence to tell). When a call ends, its
/// actual cost is queued with its usage row; `UsageRecorder` writes the queue in batches, each charge once under its
/// request id. A crash can lose at most the last unwritten batch: calls are then under-charged, never charged twice.
public final class SpendBuffer: Sendable {
    /// One finished call, waiting to be written.
    public struct Charge: Sendable, Equatable {
        public var requestID: String
        public var tokenID: String
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
    }

    /// A charge the store's token row may not include yet.
    private struct Recent {
        var requestID: String
        var amount: Int64
        /// The sequence number taken once it was written; nil while it is not.
        var writtenSequence: UInt64?
        var writtenAt: Int64?
    }

    private struct State {
        var reserved: [String: Int64] = [:]
        var recent: [String: [Recent]] = [:]
        var queue: [Charge] = []
    }

    /// How long written charges are remembered: far longer than any read-then-reserve takes.
    static let memoryMillis: Int64 = 30_000

    private let state = Mutex(State())

    public init() {}

    /// Reserves `amount` for a call of `token`, or throws `insufficientQuota` when the token cannot cover it.
    public func reserve(_ amount: Int64, for token: Token) throws {
        try state.withLock { state in
            if let remaining = token.remainingMicros {
                let unseen = state.recent[token.id, default: []].reduce(Int64(0)) { sum, charge in
                    guard let written = charge.writtenSequence, written < token.readSequence else { return sum + charge.amount }
                    return sum
                }
                let pending = state.reserved[token.id, default: 0] + unseen
                guard remaining - pending >= amount else { throw GatewayError.insufficientQuota(neededMicros: amount) }
            }
            state.reserved[token.id, default: 0] += amount
        }
    }

    /// Ends a reservation with the call's actual charge (zero when it failed), queued for writing.
    public func settle(reserved: Int64, charge: Charge) {
        state.withLock { state in
            state.reserved[charge.tokenID, default: 0] -= reserved
            if state.reserved[charge.tokenID] == 0 { state.reserved[charge.tokenID] = nil }
            if charge.costMicros > 0 {
                state.recent[charge.tokenID, default: []].append(Recent(requestID: charge.requestID, amount: charge.costMicros))
            }
            state.queue.append(charge)
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
        let ids = Set(batch.map(\.requestID))
        state.withLock { state in
            for tokenID in Set(batch.map(\.tokenID)) {
                guard var charges = state.recent[tokenID] else { continue }
                for index in charges.indices where ids.contains(charges[index].requestID) {
                    charges[index].writtenSequence = sequence
                    charges[index].writtenAt = now
                }
                charges.removeAll { ($0.writtenAt ?? now) < now - Self.memoryMillis }
                state.recent[tokenID] = charges.isEmpty ? nil : charges
            }
        }
    }

    /// Puts a batch back at the front after a failed write.
    func requeue(_ batch: [Charge]) {
        state.withLock { $0.queue.insert(contentsOf: batch, at: 0) }
    }
}
