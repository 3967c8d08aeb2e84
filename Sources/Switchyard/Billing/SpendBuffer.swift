import Synchronization

/// Money of synchronous calls (chat, embeddings…), kept off the database on the hot path.
///
/// A call reserves its estimated cost in memory against the token's remaining quota (as last read from the store,
/// less what is reserved or charged here but not yet written). When it ends, its actual cost is queued with its
/// usage row; `UsageRecorder` writes the queue in batches, each charge once under its request id. A crash can lose
/// at most the last unwritten batch: calls are then under-charged, never charged twice.
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

    private struct State {
        var reserved: [String: Int64] = [:]
        var unwritten: [String: Int64] = [:]
        var queue: [Charge] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Reserves `amount` for a call of `token`, or throws `insufficientQuota` when the token cannot cover it.
    public func reserve(_ amount: Int64, for token: Token) throws {
        try state.withLock { state in
            if let remaining = token.remainingMicros {
                let pending = state.reserved[token.id, default: 0] + state.unwritten[token.id, default: 0]
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
            state.unwritten[charge.tokenID, default: 0] += charge.costMicros
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

    /// Marks a batch as written: the store now holds those charges.
    func written(_ batch: [Charge]) {
        state.withLock { state in
            for charge in batch {
                state.unwritten[charge.tokenID, default: 0] -= charge.costMicros
                if state.unwritten[charge.tokenID] == 0 { state.unwritten[charge.tokenID] = nil }
            }
        }
    }

    /// Puts a batch back at the front after a failed write.
    func requeue(_ batch: [Charge]) {
        state.withLock { $0.queue.insert(contentsOf: batch, at: 0) }
    }

    var isIdle: Bool { state.withLock { $0.queue.isEmpty } }
}
