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
    private let sqlite: SQLiteEngine?
    private let postgres: PostgresStore?
    private let writeLock = AsyncSerialLock()
    private let nextReader = ManagedAtomicCounter()
    /// Shares commits between concurrent small transactions (task creates).
    private let groupCommit = GroupCommit()
    let logger: Logger

    /// The SQLite side: one writer, readers, the change watch and the checkpointer.
    private struct SQLiteEngine: Sendable {
        let writer: SQLiteConnection
        let readers: [SQLiteConnection]
        /// SQLite calls block; each store has its own threads so that one store waiting on a lock held by another
        /// (the CLI, a test's second handle) can never starve the holder of a thread.
        let threadPool: NIOThreadPool
        /// Answers "did anything commit since?" on the caller's thread; nil for a store in memory.
        let changeWatch: SQLiteChangeWatch?
        /// Checkpoints the log off the writer's path, on a connection of its own.
        let checkpointer: WALCheckpointer
        let checkpointConnection: SQLiteConnection
    }

    private init(
        writer: SQLiteConnection, readers: [SQLiteConnection], checkpointConnection: SQLiteConnection, threadPool: NIOThreadPool,
        changeWatch: SQLiteChangeWatch?, logger: Logger
    ) {
        self.dialect = .sqlite
        self.sqlite = SQLiteEngine(
            writer: writer, readers: readers, threadPool: threadPool, changeWatch: changeWatch,
            checkpointer: WALCheckpointer(connection: checkpointConnection, logger: logger), checkpointConnection: checkpointConnection)
        self.postgres = nil
        self.logger = logger
    }

    private init(postgres: PostgresStore, logger: Logger) {
        self.dialect = .postgres
        self.sqlite = nil
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
        // Readers, the writer and the checkpointer each have a thread.
        let threadPool = NIOThreadPool(numberOfThreads: max(1, readerCount) + 2)
        threadPool.start()
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        var connections: [SQLiteConnection] = []
        do {
            for index in 0...(max(1, readerCount) + 1) {
                let connection = try await SQLiteConnection.open(storage: storage, threadPool: threadPool, logger: logger, on: eventLoop)
                connections.append(connection)
                try await Self.configure(connection, isWriter: index == 0)
            }
            var changeWatch: SQLiteChangeWatch?
            if case .file(let path) = storage { changeWatch = SQLiteChangeWatch(path: path) }
            let database = Database(
                writer: connections[0], readers: Array(connections.dropFirst().dropLast()), checkpointConnection: connections[connections.count - 1],
                threadPool: threadPool, changeWatch: changeWatch, logger: logger)
            do {
                try await Migrations.apply(to: database, through: migratingThrough)
                // Readers opened before a migration keep the old schema until they next look at it: a `SELECT *`
                // prepared on one would still name the old columns. One look each, now.
                for reader in database.sqlite?.readers ?? [] {
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
            // Checkpoints run on their own connection (`WALCheckpointer`), never inside a commit.
            try await sql.raw("PRAGMA wal_autocheckpoint=0").run()
        }
        try await sql.raw("PRAGMA synchronous=NORMAL").run()
        try await sql.raw("PRAGMA foreign_keys=ON").run()
    }

    /// The store's revisions now, read without a thread hop (SQLite re-reads them only after some connection
    /// committed); nil when they cannot be watched, and callers must then read the store.
    ///
    /// Nil on PostgreSQL: another instance's commit can only be known there by asking the server, which this
    /// synchronous answer cannot do. A notification (`LISTEN switchyard_revisions`, sent by every revision trigger)
    /// arrives a moment after the commit, and a call in that moment would use a key already revoked; so spending
    /// calls read the key from the store on every call, as the "refused from its next call" requires.
    public func currentRevisions() -> StoreRevisions? {
        sqlite?.changeWatch?.revisions()
    }

    /// A connection for reads that need no transaction.
    public var read: any SQLDatabase {
        if let postgres { return postgres.pooled }
        guard let sqlite else { preconditionFailure("a store has an engine") }
        return sqlite.readers[nextReader.next() % sqlite.readers.count].sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)
    }

    /// Runs `body` inside one transaction; rolls back if it throws. On SQLite an immediate transaction on the
    /// writer connection; on PostgreSQL a serializable one on a pooled connection, run again when PostgreSQL
    /// reports a serialization conflict (so `body` must only act through the handle it is given).
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(body, thenWhileLocked: { _ in })
    }

    /// `transaction`, then `committed` with its result once the commit is done but before the next writer may
    /// start: what it publishes in memory (a cached view) is never seen before the rows are, and never overtakes a
    /// later write. (On PostgreSQL, where other instances write too, `committed` runs once the commit is done.)
    public func transaction<T: Sendable>(
        _ body: @Sendable (any SQLDatabase) async throws -> T, thenWhileLocked committed: @Sendable (T) -> Void
    ) async throws -> T {
        if let postgres {
            let result = try await postgres.transaction(body)
            committed(result)
            return result
        }
        guard let writer = sqlite?.writer else { preconditionFailure("a store has an engine") }
        return try await writeLock.withLock {
            let sql = writer.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)
            try await sql.raw("BEGIN IMMEDIATE").run()
            let result: T
            do {
                result = try await body(sql)
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
            committed(result)
            return result
        }
    }

    /// Runs `body` in a write transaction that concurrent callers of this method may share (see `GroupCommit`);
    /// `body` must only write SQL, and may run twice.
    /// On PostgreSQL, whose writers do not queue behind one another, each body is its own transaction.
    public func groupedTransaction(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        if dialect == .postgres { return try await transaction(body) }
        try await groupCommit.run(body, in: self)
    }

    /// Runs a single write statement (atomic by itself) on the writer connection (on PostgreSQL, a pooled one).
    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let postgres { return try await body(postgres.pooled) }
        guard let writer = sqlite?.writer else { preconditionFailure("a store has an engine") }
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

    /// Closes every connection.
    public func close() async {
        if let postgres {
            await postgres.close()
            return
        }
        guard let sqlite else { return }
        await sqlite.checkpointer.stop()
        try? await sqlite.checkpointConnection.close()
        try? await sqlite.writer.close()
        for reader in sqlite.readers { try? await reader.close() }
        try? await sqlite.threadPool.shutdownGracefully()
        RetiredThreadPools.keep(sqlite.threadPool)
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
