import Synchronization

/// The enabled channels as last read, with the store's settings revision they were read at.
///
/// Triggers move the revision on every write to the channels (and prices) tables, whichever process makes it (the
/// CLI included), and every spending call reads the revision with its key at no extra cost. Routing therefore takes
/// channels from memory until the revision moves, and sees a change on the very next call after it.
final class ChannelCache: Sendable {
    private let snapshot = Mutex<(revision: Int64, channels: [Channel])?>(nil)

    /// The cached channels if they were read at `revision` or later.
    func channels(atLeast revision: Int64) -> [Channel]? {
        snapshot.withLock { snapshot in
            guard let snapshot, snapshot.revision >= revision else { return nil }
            return snapshot.channels
        }
    }

    /// Keeps `channels` read at `revision`, unless a newer read is already kept.
    func store(_ channels: [Channel], revision: Int64) {
        snapshot.withLock { snapshot in
            if let current = snapshot, current.revision > revision { return }
            snapshot = (revision, channels)
        }
    }
}
