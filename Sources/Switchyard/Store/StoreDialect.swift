/// The SQL engine a store runs on.
public enum StoreDialect: String, Sendable, CaseIterable {
    /// SQLite, in a data directory: one serving process.
    case sqlite
    /// PostgreSQL: one database shared by any number of gateway instances.
    case postgres
}

/// Where a store lives, as given on the command line or in the configuration.
public enum StoreLocation {
    /// Whether `location` names a database rather than a directory: anything with a URL scheme. PostgresKit then
    /// accepts its schemes (`postgres://`, `postgresql+tcp://`, …) and refuses any other without repeating the URL,
    /// so a mistyped scheme is an error, never a directory whose name holds the password.
    public static func isPostgresURL(_ location: String) -> Bool {
        location.contains("://")
    }
}
