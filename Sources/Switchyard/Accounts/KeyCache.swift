import Synchronization

/// Keys as last read from the store (with their user, group and balances), by the key's hash, each stamped with the
/// `accounts` revision it was read under. An entry read under an older revision is never used: any write that
/// changes what a key may do moves the revision, in this process or another.
final class KeyCache: Sendable {
    private struct Entry {
        var token: Token
        var accountsRevision: Int64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Keys whose re-read is under way, so that a busy key is re-read once, not by every call at once.
        var refreshing: Set<String> = []
    }

    /// Bounds memory against a flood of distinct keys; a gateway's real keys number far fewer.
    static let capacity = 50_000

    private let state = Mutex(State())

    /// The key read under `accountsRevision`, if there is one.
    func token(forHash hash: String, accountsRevision: Int64) -> Token? {
        state.withLock { state in
            guard let entry = state.entries[hash], entry.accountsRevision == accountsRevision else { return nil }
            return entry.token
        }
    }

    /// Keeps `token` as read under `accountsRevision` (taken before the read began), unless a newer read is kept.
    func store(_ token: Token, forHash hash: String, accountsRevision: Int64) {
        state.withLock { state in
            if let kept = state.entries[hash], kept.accountsRevision > accountsRevision || kept.token.readSequence > token.readSequence { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = Entry(token: token, accountsRevision: accountsRevision)
        }
    }

    /// Forgets a key that is no longer usable.
    func remove(hash: String) {
        _ = state.withLock { $0.entries.removeValue(forKey: hash) }
    }

    /// Claims the re-read of `hash`; false when one is already under way.
    func beginRefresh(hash: String) -> Bool {
        state.withLock { $0.refreshing.insert(hash).inserted }
    }

    func endRefresh(hash: String) {
        _ = state.withLock { $0.refreshing.remove(hash) }
    }
}
