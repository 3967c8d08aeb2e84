import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit

/// The PostgreSQL engine of a `Database`: a pool of connections shared by reads, single writes and transactions.
///
/// There is no process-wide write lock: PostgreSQL orders concurrent writers itself, and several gateway instances
/// write to the same database. Transactions run at the serializable level so that a read-then-write inside one
/// (check a balance, then take from it) means on PostgreSQL what it means under SQLite's single writer; when
/// PostgreSQL refuses one for a conflict it is run again on a fresh snapshot.
///
/// `@unchecked Sendable`: AsyncKit's pool guards its state with its own lock but predates `Sendable`.
final class PostgresStore: @unchecked Sendable {
    private let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
    private let logger: Logger
    /// How many times a transaction is run again after a serialization conflict or a deadlock.
    private static let conflictRetries = 12

    private init(pool: EventLoopGroupConnectionPool<PostgresConnectionSource>, logger: Logger) {
        self.pool = pool
        self.logger = logger
    }

    /// Connects to `url` (checking once that the server answers) with up to `connectionsPerLoop` connections per
    /// event loop.
    static func connect(url: String, connectionsPerLoop: Int = 4, logger: Logger) async throws -> PostgresStore {
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            // The URL may carry a password: it is never repeated in an error.
            throw InvalidDatabaseURL()
        }
        let pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration), maxConnectionsPerEventLoop: connectionsPerLoop,
            requestTimeout: .seconds(30), pruneInterval: .seconds(60), logger: logger, on: MultiThreadedEventLoopGroup.singleton)
        let store = PostgresStore(pool: pool, logger: logger)
        do {
            _ = try await store.pooled.raw("SELECT 1").all()
        } catch {
            await store.close()
            // PostgresNIO's errors describe themselves generically; the operator needs where and why (never the
            // URL's password).
            let components = URLComponents(string: url)
            throw DatabaseUnreachable(
                host: components?.host ?? "?", port: components?.port ?? SQLPostgresConfiguration.ianaPortNumber,
                reason: String(reflecting: error))
        }
        return store
    }

    /// Statements run on whichever pooled connection is free; each is its own transaction.
    var pooled: any SQLDatabase {
        pool.database(logger: logger).sql(queryLogLevel: nil)
    }

    /// Runs `body` in one transaction on one pooled connection, again on a conflict. `begin` opens it: serializable
    /// unless a caller orders itself otherwise (migrations take an advisory lock and read committed rows).
    func transaction<T: Sendable>(
        begin: String = "BEGIN ISOLATION LEVEL SERIALIZABLE", _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await withConnection { connection in
                    let sql = connection.sql(queryLogLevel: nil)
                    try await sql.raw(SQLQueryString(begin)).run()
                    do {
                        let result = try await body(sql)
                        try await sql.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await sql.raw("ROLLBACK").run()
                        throw error
                    }
                }
            } catch  where Self.isConflict(error) && attempt < Self.conflictRetries {
                attempt += 1
                // A short random pause spreads the retries of transactions that collided with each other.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    /// Lends one pooled connection to `body` and takes it back afterwards.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await pool.requestConnection(logger: logger).get()
        defer { pool.releaseConnection(connection, logger: logger) }
        return try await body(connection)
    }

    /// Whether `error` is PostgreSQL refusing a transaction that collided with another (serialization failure,
    /// deadlock): running it again is safe and will succeed once the other has finished.
    static func isConflict(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
    }

    func close() async {
        try? await pool.shutdownAsync()
    }
}

/// The PostgreSQL server of `--database` did not answer or refused the connection.
public struct DatabaseUnreachable: Error, CustomStringConvertible {
    let host: String
    let port: Int
    let reason: String
    public var description: String { "could not use the PostgreSQL database at \(host):\(port): \(reason)" }
}

/// A `postgres://` location that is not a valid URL. The URL itself is not repeated: it may carry a password.
public struct InvalidDatabaseURL: Error, CustomStringConvertible {
    public var description: String { "the database URL is not a valid postgres:// URL" }
}
