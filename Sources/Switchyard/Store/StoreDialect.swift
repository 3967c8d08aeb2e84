/// The SQL engine a store runs on.
public enum StoreDialect: String, Sendable, CaseIterable {
    /// SQLite, in a data directory: one serving process.
    case sqlite
    /// PostgreSQL: one database shared by any number of gateway instances.
    case postgres
}

/// Where a store lives, as given on the command line or in the configuration.
public enum StoreLocation {
    /// Whether `location` names a PostgreSQL database (`postgres://…` or `postgresql://…`) rather than a directory.
    public static func isPostgresURL(_ location: String) -> Bool {
        let lowered = location.lowercased()
        return ["postgres://", "postgresql://", "postgres+tcp://", "postgres+uds://", "postgresql+uds://"].contains { lowered.hasPrefix($0) }
    }
}
