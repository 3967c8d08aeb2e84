import ArgumentParser
import Foundation

/// Where a command finds the gateway's store: a data directory (SQLite) or a PostgreSQL database.
struct StoreOptions: ParsableArguments {
    @Option(help: "Data directory (SQLite database).") var data = "./data"
    @Option(
        help: """
            PostgreSQL database URL (postgres://user:password@host:5432/name); the store is there instead of the data \
            directory. Defaults to $SWITCHYARD_DATA_DATABASE_URL.
            """)
    var database: String?

    /// The `--database` URL, else the environment's, else the data directory.
    var location: String {
        database ?? ProcessInfo.processInfo.environment["SWITCHYARD_DATA_DATABASE_URL"] ?? data
    }
}
