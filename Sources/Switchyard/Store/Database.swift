import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// The gateway's SQL store: SQLite in WAL mode under the data directory (the embedded default), or a PostgreSQL
/// database shared by several gateway instances (see `PostgresStore`).
///
/// On SQLite, writes go through one connection, one transaction at a time (SQLite serialises writers anyway, and a
/// shared connection must never interleave two transactions); reads use their own connections so they never queue
/// behind a write. Other processes (the CLI) open the same file; SQLite's busy handler makes them wait their turn.
public final class Database: Sendable {
    /// Which SQL engine holds the store; queries whose text differs between engines ask `SQLDialectPieces`.
    public let dialect: StoreDialect
    private let writer: SQLiteConnection?
    private let readers: [SQLiteConnection]
    private let postgres: PostgresStore?
    /// SQLite calls block; each store has its own threads so that one store waiting on a lock held by another
    /// (the CLI, a test's second handle) can never starve the holder of a thread.
    private let threadPool: NIOThreadPool?
    private let writeLock = AsyncSerialLock()
    private let nextReader = ManagedAtomicCounter()
    let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], threadPool: NIOThreadPool, logger: Logger) {
        self.dialect = .sqlite
        self.threadPool = threadPool
        self.writer = writer
        self.readers = readers
        self.postgres = nil
        self.logger = logger
    }

    private init(postgres: PostgresStore, logger: Logger) {
        self.dialect = .postgres
        self.threadPool = nil
        self.writer = nil
        self.readers = []
        self.postgres = postgres
        self.logger = logger
    }

    /// Opens the store at `location`: a `postgres://` (or `postgresql://`) URL, or else a data directory holding
    /// `switchyard.sqlite`; applies pending migrations.
    public static func open(location: String, migratingThrough: Int? = nil, logger: Logger) async throws -> Database {
        if StoreLocation.isPostgresURL(location) {
            return try await open(postgresURL: location, migratingThrough: migratingThrough, logger: logger)
        }
        return try await open(directory: location, migratingThrough: migratingThrough, logger: logger)
    }

    /// Connects a pool to the PostgreSQL database at `url` and applies pending migrations.
    public static func open(postgresURL url: String, migratingThrough: Int? = nil, logger: Logger) async throws -> Database {
        let store = try await PostgresStore.connect(url: url, logger: logger)
        let database = Database(postgres: store, logger: logger)
        do {
            try await Migrations.apply(to: database, through: migratingThrough)
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    /// Opens (creating if needed) `switchyard.sqlite` in `directory` and applies pending migrations.
    ///
    /// - Parameter migratingThrough: the last schema version to apply (all when nil); for tests of a migration.
    public static func open(directory: String, readerCount: Int = 2, migratingThrough: Int? = nil, logger: Logger) async throws -> Database {
        try FileSystemHelpers.createDirectory(directory)
        let path = directory.hasSuffix("/") ? directory + "switchyard.sqlite" : directory + "/switchyard.sqlite"
        return try await open(storage: .file(path: path), readerCount: readerCount, migratingThrough: migratingThrough, logger: logger)
    }

    static func open(storage: SQLiteConnection.Storage, readerCount: Int, migratingThrough: Int? = nil, logger: Logger) async throws -> Database {
        let threadPool = NIOThreadPool(numberOfThreads: max(1, readerCount) + 1)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        var connections: [SQLiteConnection] = []
        do {
            for index in 0...max(1, readerCount) {
                let connection = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger, on: eventLoop)
                connections.append(connection)
                try await Self.configure(connection, isWriter: index == 0)
            }
            let database = Database(writer: connections[0], readers: Array(connections.dropFirst()), threadPool: threadPool, logger: logger)
            do {
                try await Migrations.apply(to: database, through: migratingThrough)
                // Readers opened before a migration keep the old schema until they next look at it: a `SELECT *`
                // prepared on one would still name the old columns. One look each, now.
                for reader in database.readers {
                    _ = try await reader.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil).raw("SELECT COUNT(*) FROM sqlite_master").all()
                }
            } catch {
                await database.close()
                throw error
            }
            return database
        } catch {
            for connection in connections { try? await connection.close() }
            try? await threadPool.shutdownGracefully()
            RetiredThreadPools.keep(threadPool)
            throw error
        }
    }

    private static func configure(_ connection: SQLiteConnection, isWriter: Bool) async throws {
        let sql = connection.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)
        // Waiting for another connection's lock sleeps and gives up after a while, instead of spinning forever.
        try await sql.raw("PRAGMA busy_timeout=10000").run()
        if isWriter {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await sql.raw("PRAGMA synchronous=NORMAL").run()
        try await sql.raw("PRAGMA foreign_keys=ON").run()
    }

    /// A connection for reads that need no transaction.
    public var read: any SQLDatabase {
        if let postgres { return postgres.pooled }
        return readers[nextReader.next() % readers.count].sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)
    }

    /// Runs `body` inside one transaction; rolls back if it throws. On SQLite an immediate transaction on the
    /// writer connection; on PostgreSQL a serializable one on a pooled connection, run again when PostgreSQL
    /// reports a serialization conflict (so `body` must only act through the handle it is given).
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let postgres { return try await postgres.transaction(body) }
        guard let writer else { preconditionFailure("a SQLite store always has a writer") }
        return try await writeLock.withLock {
            let sql = writer.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)
            try await sql.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Runs a single write statement (atomic by itself) on the writer connection.
    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let postgres { return try await body(postgres.pooled) }
        guard let writer else { preconditionFailure("a SQLite store always has a writer") }
        return try await writeLock.withLock { try await body(writer.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)) }
    }

    /// Runs `body` in a transaction whose reads lock the rows they will write (`SQLDialectPieces.skipLocked`) and whose
    /// writes check their conditions again: on SQLite an ordinary (immediate) transaction; on PostgreSQL a read
    /// committed one, so that instances leasing from one queue pass over each other's rows instead of conflicting.
    func lockingTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard let postgres else { return try await transaction(body) }
        return try await postgres.transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED", body)
    }

    /// Runs one schema migration: on SQLite an ordinary (immediate) transaction; on PostgreSQL one that first waits
    /// for the migrations' advisory lock, so that instances starting together apply each version once, and then
    /// reads what the previous holder committed.
    func migrationTransaction(_ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        guard let postgres else { return try await transaction(body) }
        try await postgres.transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { sql in
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.migrationLockKey))").run()
            try await body(sql)
        }
    }

    /// The advisory lock key of schema migrations on PostgreSQL (any constant the gateway uses for nothing else).
    private static let migrationLockKey = 0x5377_6974_6368  // "Switch"

    /// The PostgreSQL side of the store (notifications, advisory locks), or nil on SQLite.
    var postgresStore: PostgresStore? { postgres }

    /// Closes every connection.
    public func close() async {
        if let postgres {
            await postgres.close()
            return
        }
        try? await writer?.close()
        for reader in readers { try? await reader.close() }
        if let threadPool {
            try? await threadPool.shutdownGracefully()
            RetiredThreadPools.keep(threadPool)
        }
    }
}

/// Thread pools of closed stores, kept for the life of the process instead of freed. A test run that opened and
/// closed hundreds of stores crashed once inside NIO's pool signalling (`pthread_cond_signal` on freed memory while a
/// new store was opening); a stopped pool costs a few hundred bytes and no threads, so none is ever freed.
private enum RetiredThreadPools {
    private static let pools = Mutex<[NIOThreadPool]>([])

    static func keep(_ pool: NIOThreadPool) {
        pools.withLock { $0.append(pool) }
    }
}
