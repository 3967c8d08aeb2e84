import Logging
import PostgresNIO
import SQLKit
import Synchronization

/// The store's revisions as this instance last heard them, on PostgreSQL: what `Database.currentRevisions()`
/// answers there (on SQLite, `SQLiteChangeWatch`).
///
/// Every write that moves a revision also notifies `switchyard_revisions` at its commit (the trigger function of
/// `MigrationStep.revisionTrigger`). A connection of its own listens: a notification makes the revisions unknown at
/// once (callers then read the store) until they are read again. A read every `checkMillis` is the fallback for a
/// notification missed; while no listener is connected, the revisions are unknown.
final class PostgresRevisionWatch: Sendable {
    private struct State {
        var revisions: StoreRevisions?
        var listening = false
        /// Moved by every notification: a read that began before one must not put back what it made unknown.
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())
    private let tasks = Mutex<[Task<Void, Never>]>([])
    static let checkMillis: Int64 = 1_000

    /// The revisions, or nil while a change was announced and not read yet, or no listener is connected.
    func current() -> StoreRevisions? {
        state.withLock { $0.listening ? $0.revisions : nil }
    }

    /// Starts the listener and the periodic check.
    func start(store: PostgresStore, logger: Logger) {
        let listener = Task { await self.listen(store: store, logger: logger) }
        let checker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Self.checkMillis))
                await self.read(store: store)
            }
        }
        tasks.withLock { $0 = [listener, checker] }
    }

    func stop() async {
        let running = tasks.withLock { tasks in
            defer { tasks = [] }
            return tasks
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
    }

    private func listen(store: PostgresStore, logger: Logger) async {
        while !Task.isCancelled {
            var connection: PostgresConnection?
            do {
                let opened = try await store.dedicatedConnection()
                connection = opened
                let notifications = try await opened.listen(MigrationStep.revisionChannel)
                state.withLock { $0.listening = true }
                await read(store: store)
                for try await _ in notifications {
                    state.withLock { state in
                        state.generation &+= 1
                        state.revisions = nil
                    }
                    await read(store: store)
                }
            } catch {
                if !Task.isCancelled { logger.warning("store change listener lost its connection", metadata: ["error": "\(error)"]) }
            }
            state.withLock { $0.listening = false }
            try? await connection?.close()
            guard !Task.isCancelled else { return }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// Reads the revisions and keeps them, unless a notification came while reading.
    private func read(store: PostgresStore) async {
        let generation = state.withLock { $0.generation }
        var settings: Int64?
        var accounts: Int64?
        if let rows = try? await store.pooled.raw("SELECT name, value FROM revisions WHERE name IN ('settings', 'accounts')").all() {
            for row in rows {
                switch try? row.decode(column: "name", as: String.self) {
                case "settings": settings = try? row.decode(column: "value", as: Int64.self)
                case "accounts": accounts = try? row.decode(column: "value", as: Int64.self)
                default: break
                }
            }
        }
        let revisions = settings.flatMap { settings in accounts.map { StoreRevisions(settings: settings, accounts: $0) } }
        state.withLock { state in
            guard state.generation == generation else { return }
            state.revisions = revisions
        }
    }
}
