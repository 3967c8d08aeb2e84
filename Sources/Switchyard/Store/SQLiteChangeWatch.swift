import NIOConcurrencyHelpers
import VaporCSQLite

/// Tells, without a thread hop and without disk I/O, whether any connection of any process committed to the store
/// since the last look, and if so reads the revision counters again.
///
/// `PRAGMA data_version` on a connection of its own changes exactly when another connection committed (in WAL mode
/// it reads the shared-memory index, not the file); the small `revisions` table is read only then. Called on the
/// request's own thread, so that a key or price held in memory is never used after a change that committed before
/// the call began.
final class SQLiteChangeWatch: @unchecked Sendable {
    /// Guards the handle and both statements: a SQLite connection is used by one thread at a time.
    private let lock = NIOLock()
    private let handle: OpaquePointer
    /// Prepared on first use: the store may be opened before its migrations created `revisions`.
    private var dataVersion: OpaquePointer?
    private var readRevisions: OpaquePointer?
    private var lastDataVersion: Int64 = -1
    private var lastRevisions: StoreRevisions?

    /// Opens a read-only connection on the store at `path`; nil when it cannot (then callers read the store).
    init?(path: String) {
        var handle: OpaquePointer?
        guard sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle else {
            sqlite_nio_sqlite3_close(handle)
            return nil
        }
        // A checkpoint or a writer's recovery can hold the index for a moment; waiting longer than this on a
        // request's thread is worse than reading the store the slow way.
        sqlite_nio_sqlite3_busy_timeout(handle, 20)
        self.handle = handle
    }

    deinit {
        sqlite_nio_sqlite3_finalize(dataVersion)
        sqlite_nio_sqlite3_finalize(readRevisions)
        sqlite_nio_sqlite3_close(handle)
    }

    /// The revisions as of now, or nil when the store could not be asked (busy, or a schema without them).
    func revisions() -> StoreRevisions? {
        lock.withLock {
            if dataVersion == nil { dataVersion = Self.prepare("PRAGMA data_version", on: handle) }
            if readRevisions == nil {
                readRevisions = Self.prepare("SELECT name, value FROM revisions WHERE name IN ('settings', 'accounts')", on: handle)
            }
            guard let dataVersion, let readRevisions else { return nil }
            guard sqlite_nio_sqlite3_step(dataVersion) == SQLITE_ROW else {
                sqlite_nio_sqlite3_reset(dataVersion)
                return nil
            }
            let version = sqlite_nio_sqlite3_column_int64(dataVersion, 0)
            sqlite_nio_sqlite3_reset(dataVersion)
            if version == lastDataVersion, let lastRevisions { return lastRevisions }
            var settings: Int64?
            var accounts: Int64?
            while sqlite_nio_sqlite3_step(readRevisions) == SQLITE_ROW {
                let value = sqlite_nio_sqlite3_column_int64(readRevisions, 1)
                switch sqlite_nio_sqlite3_column_text(readRevisions, 0).map({ String(cString: $0) }) {
                case "settings": settings = value
                case "accounts": accounts = value
                default: break
                }
            }
            sqlite_nio_sqlite3_reset(readRevisions)
            guard let settings, let accounts else { return nil }
            let revisions = StoreRevisions(settings: settings, accounts: accounts)
            // The version read before the rows: a commit between the two is seen again on the next look.
            lastDataVersion = version
            lastRevisions = revisions
            return revisions
        }
    }

    private static func prepare(_ sql: String, on handle: OpaquePointer) -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            sqlite_nio_sqlite3_finalize(statement)
            return nil
        }
        return statement
    }
}
