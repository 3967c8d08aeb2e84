import Logging
import SQLKit
import SQLiteNIO

/// Copies the write-ahead log back into the database file from a connection of its own, every `intervalMillis`.
///
/// SQLite otherwise checkpoints inside whichever commit crosses 1,000 pages of log, with the fsyncs that go with
/// it: that commit (a task's hold, a batch of usage) then waits tens of milliseconds. Here the writer never
/// checkpoints (`wal_autocheckpoint=0`); this loop does, in `PASSIVE` mode, which neither waits for nor blocks
/// the writer, and the writer starts the log over once a checkpoint has caught up.
final class WALCheckpointer: Sendable {
    private let task: Task<Void, Never>

    init(connection: SQLiteConnection, intervalMillis: Int64 = 500, logger: Logger) {
        task = Task {
            let sql = connection.sql(encoder: .init(), decoder: .init(), queryLogLevel: nil)
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(intervalMillis))
                guard !Task.isCancelled else { break }
                do {
                    try await sql.raw("PRAGMA wal_checkpoint(PASSIVE)").run()
                } catch {
                    logger.warning("WAL checkpoint failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
            }
        }
    }

    /// Stops the loop and waits for a checkpoint under way to end.
    func stop() async {
        task.cancel()
        await task.value
    }
}
