import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import Synchronization

/// The gateway's SQL store: SQLite in WAL mode under the data directory.
///
/// Writes go through one connection, one transaction at a time (SQLite serialises writers anyway, and a shared
/// connection must never interleave two transactions); reads use their own connections so they never queue behind
/// a write. Other processes (the CLI) open the same file; SQLite's busy handler makes them wait their turn.
public final class Database: Sendable {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    /// SQLite calls block; each store has its own threads so that one store waiting on a lock held by another
    /// (the CLI, a test's second handle) can never starve the holder of a thread.
    private let threadPool: NIOThreadPool
    private let writeLock = AsyncSerialLock()
    private let nextReader = ManagedAtomicCounter()
    /// Answers "did anything commit since?" on the caller's thread; nil for a store in memory.
    private let changeWatch: SQLiteChangeWatch?
    /// Checkpoints the log off the writer's path, on a connection of its own.
    private let checkpointer: WALCheckpointer
    private let checkpointConnection: SQLiteConnection
    /// Shares commits between concurrent small transactions (task creates).
    private let groupCommit = GroupCommit()
    let logger: Logger

    private init(
        writer: SQLiteConnection, readers: [SQLiteConnection], checkpointConnection: SQLiteConnection, threadPool: NIOThreadPool,
        changeWatch: SQLiteChangeWatch?, logger: Logger
    ) {
        self.threadPool = threadPool
        self.changeWatch = changeWatch
        self.checkpointConnection = checkpointConnection
        self.checkpointer = WALCheckpointer(connection: checkpointConnection, logger: logger)
        self.writer = writer
        self.readers = readers
        self.logger = logger
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
            // Checkpoints run on their own connection (`WALCheckpointer`), never inside a commit.
            try await sql.raw("PRAGMA wal_autocheckpoint=0").run()
        }
        try await sql.raw("PRAGMA synchronous=NORMAL").run()
        try await sql.raw("PRAGMA foreign_keys=ON").run()
    }

    /// The store's revisions now, read without a thread hop (SQLite re-reads them only after some connection
    /// committed); nil when they cannot be watched, and callers must then read the store.
    public func currentRevisions() -> StoreRevisions? {
        changeWatch?.revisions()
    }

    /// A connection for reads that need no transaction.
    public var read: any SQLDatabase {
        readers[nextReader.next() % readers.count].sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)
    }

    /// Runs `body` inside one immediate transaction on the writer connection; rolls back if it throws.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(body, thenWhileLocked: { _ in })
    }

    /// `transaction`, then `committed` with its result once the commit is done but before the next writer may
    /// start: what it publishes in memory (a cached view) is never seen before the rows are, and never overtakes a
    /// later write.
    public func transaction<T: Sendable>(
        _ body: @Sendable (any SQLDatabase) async throws -> T, thenWhileLocked committed: @Sendable (T) -> Void
    ) async throws -> T {
        try await writeLock.withLock {
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
    public func groupedTransaction(_ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await groupCommit.run(body, in: self)
    }

    /// Runs a single write statement (atomic by itself) on the writer connection.
    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.withLock { try await body(writer.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)) }
    }

    /// Closes every connection.
    public func close() async {
        await checkpointer.stop()
        try? await checkpointConnection.close()
        try? await writer.close()
        for reader in readers { try? await reader.close() }
        try? await threadPool.shutdownGracefully()
        RetiredThreadPools.keep(threadPool)
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
