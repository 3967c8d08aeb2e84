import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// The gateway's SQL store: SQLite in WAL mode under the data directory.
///
/// Writes go through one connection, one transaction at a time (SQLite serialises writers anyway, and a shared
/// connection must never interleave two transactions); reads use their own connections so they never queue behind
/// a write. Other processes (the CLI) open the same file; SQLite's busy handler makes them wait their turn.
public final class Database: Sendable {
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let writeLock = AsyncSerialLock()
    private let nextReader = ManagedAtomicCounter()
    let logger: Logger

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], logger: Logger) {
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    /// Opens (creating if needed) `switchyard.sqlite` in `directory` and applies pending migrations.
    public static func open(directory: String, readerCount: Int = 2, logger: Logger) async throws -> Database {
        try FileSystemHelpers.createDirectory(directory)
        let path = directory.hasSuffix("/") ? directory + "switchyard.sqlite" : directory + "/switchyard.sqlite"
        return try await open(storage: .file(path: path), readerCount: readerCount, logger: logger)
    }

    static func open(storage: SQLiteConnection.Storage, readerCount: Int, logger: Logger) async throws -> Database {
        let writer = try await SQLiteConnection.open(storage: storage, logger: logger)
        try await Self.configure(writer, isWriter: true)
        var readers: [SQLiteConnection] = []
        for _ in 0..<max(1, readerCount) {
            let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
            try await Self.configure(reader, isWriter: false)
            readers.append(reader)
        }
        let database = Database(writer: writer, readers: readers, logger: logger)
        try await Migrations.apply(to: database)
        return database
    }

    private static func configure(_ connection: SQLiteConnection, isWriter: Bool) async throws {
        let sql = connection.sql()
        if isWriter {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await sql.raw("PRAGMA synchronous=NORMAL").run()
        try await sql.raw("PRAGMA foreign_keys=ON").run()
    }

    /// A connection for reads that need no transaction.
    public var read: any SQLDatabase {
        readers[nextReader.next() % readers.count].sql()
    }

    /// Runs `body` inside one immediate transaction on the writer connection; rolls back if it throws.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writeLock.withLock {
            let sql = writer.sql()
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
        try await writeLock.withLock { try await body(writer.sql()) }
    }

    /// Closes every connection.
    public func close() async {
        try? await writer.close()
        for reader in readers { try? await reader.close() }
    }
}
