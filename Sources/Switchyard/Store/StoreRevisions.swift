/// The store's revision counters as one process last saw them: `settings` moves with every write to channels and
/// prices, `accounts` with every write to keys, users and groups that changes what a key may do.
public struct StoreRevisions: Sendable, Equatable {
    public var settings: Int64
    public var accounts: Int64

    public init(settings: Int64, accounts: Int64) {
        self.settings = settings
        self.accounts = accounts
    }
}
