import SQLKit

/// Versioned schema migrations, applied in order inside one transaction each; a version is applied exactly once
/// even when the server and the CLI (or several gateway instances) open a new store at the same moment.
///
/// One list for both engines: statements are written in SQLite's words and `MigrationStep` gives their PostgreSQL
/// form (wider integer columns, identity keys, trigger functions).
enum Migrations {
    /// Each entry is one schema version. Append only: never edit a migration that has shipped.
    static let versions: [[MigrationStep]] = [
        [
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                role TEXT NOT NULL DEFAULT 'customer',
                status TEXT NOT NULL DEFAULT 'active',
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE tokens (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                key_hash TEXT NOT NULL UNIQUE,
                key_hint TEXT NOT NULL,
                quota_micros INTEGER,
                used_micros INTEGER NOT NULL DEFAULT 0,
                held_micros INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT 'active',
                expires_at INTEGER,
                allowed_models TEXT,
                allowed_ips TEXT,
                rpm_limit INTEGER,
                user_id TEXT REFERENCES users(id),
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE channels (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                family TEXT NOT NULL,
                base_url TEXT NOT NULL,
                credential TEXT NOT NULL,
                models TEXT NOT NULL,
                priority INTEGER NOT NULL DEFAULT 0,
                weight INTEGER NOT NULL DEFAULT 1,
                status TEXT NOT NULL DEFAULT 'enabled',
                model_mapping TEXT,
                timeout_ms INTEGER,
                status_reason TEXT,
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE ledger_entries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                token_id TEXT NOT NULL REFERENCES tokens(id),
                kind TEXT NOT NULL,
                amount_micros INTEGER NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                reference TEXT,
                detail TEXT,
                created_at INTEGER NOT NULL
            )
            """,
            """
            CREATE TABLE tasks (
                id TEXT PRIMARY KEY,
                family TEXT NOT NULL,
                action TEXT NOT NULL,
                model TEXT NOT NULL,
                token_id TEXT NOT NULL REFERENCES tokens(id),
                channel_id INTEGER,
                upstream_id TEXT,
                state TEXT NOT NULL,
                upstream_status TEXT,
                request TEXT NOT NULL,
                upstream_request TEXT NOT NULL,
                result TEXT,
                view TEXT,
                failure_reason TEXT,
                price_micros INTEGER NOT NULL,
                callback_url TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                finished_at INTEGER,
                next_poll_at INTEGER NOT NULL DEFAULT 0,
                poll_attempts INTEGER NOT NULL DEFAULT 0,
                lease_until INTEGER NOT NULL DEFAULT 0,
                deleted INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX tasks_due ON tasks(state, next_poll_at)",
            "CREATE INDEX tasks_owner ON tasks(token_id, family, created_at)",
            """
            CREATE TABLE artifacts (
                public_id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                task_id TEXT NOT NULL REFERENCES tasks(id),
                token_id TEXT NOT NULL,
                channel_id INTEGER NOT NULL,
                upstream_id TEXT NOT NULL,
                model TEXT,
                payload TEXT,
                created_at INTEGER NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX artifacts_upstream ON artifacts(channel_id, upstream_id)",
            """
            CREATE TABLE callbacks (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                task_id TEXT NOT NULL,
                event_key TEXT NOT NULL UNIQUE,
                url TEXT NOT NULL,
                payload TEXT NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                lease_until INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                created_at INTEGER NOT NULL
            )
            """,
            "CREATE INDEX callbacks_due ON callbacks(state, next_attempt_at)",
            "CREATE TABLE gateway_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            """
            CREATE TABLE usage_logs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                request_id TEXT NOT NULL UNIQUE,
                token_id TEXT NOT NULL,
                family TEXT NOT NULL,
                model TEXT NOT NULL,
                channel_id INTEGER,
                input_tokens INTEGER NOT NULL,
                output_tokens INTEGER NOT NULL,
                cached_tokens INTEGER NOT NULL,
                cost_micros INTEGER NOT NULL,
                latency_ms INTEGER NOT NULL,
                status INTEGER NOT NULL,
                created_at INTEGER NOT NULL
            )
            """,
            "CREATE INDEX usage_logs_token ON usage_logs(token_id, created_at)",
        ],
        // v2: groups and their price multipliers; users' own balances and request rates; operators' price edits;
        // ledger entries that may belong to a user alone (a user's top-up) and record the price in force; the
        // settings revision.
        [
            "CREATE TABLE groups (name TEXT PRIMARY KEY, multiplier TEXT NOT NULL, created_at INTEGER NOT NULL)",
            "INSERT INTO groups (name, multiplier, created_at) VALUES ('default', '1', 0)",
            "ALTER TABLE users ADD COLUMN group_name TEXT NOT NULL DEFAULT 'default'",
            "ALTER TABLE users ADD COLUMN quota_micros INTEGER",
            "ALTER TABLE users ADD COLUMN used_micros INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN held_micros INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN rpm_limit INTEGER",
            // A user's spend so far is what their keys spent; v1 users (administrators) stay unlimited.
            """
            UPDATE users SET used_micros = (SELECT COALESCE(SUM(used_micros), 0) FROM tokens WHERE user_id = users.id),
                             held_micros = (SELECT COALESCE(SUM(held_micros), 0) FROM tokens WHERE user_id = users.id)
            """,
            "CREATE INDEX tokens_user ON tokens(user_id)",
            """
            CREATE TABLE price_rules (
                family TEXT NOT NULL,
                model TEXT NOT NULL,
                action TEXT NOT NULL,
                rule TEXT,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (family, model, action)
            )
            """,
            """
            CREATE TABLE ledger_entries_v2 (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                token_id TEXT,
                user_id TEXT,
                kind TEXT NOT NULL,
                amount_micros INTEGER NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                reference TEXT,
                detail TEXT,
                price TEXT,
                created_at INTEGER NOT NULL
            )
            """,
            """
            INSERT INTO ledger_entries_v2 (id, token_id, user_id, kind, amount_micros, idempotency_key, reference, detail, price, created_at)
            SELECT l.id, l.token_id, CASE WHEN l.kind = 'topup' THEN NULL ELSE t.user_id END, l.kind, l.amount_micros,
                   l.idempotency_key, l.reference, l.detail, CASE WHEN l.kind = 'hold' THEN l.detail END, l.created_at
            FROM ledger_entries l LEFT JOIN tokens t ON t.id = l.token_id
            """,
            "DROP TABLE ledger_entries",
            // The copy kept the ids; PostgreSQL's identity counter must continue after them (SQLite's does by itself).
            .only(
                .postgres,
                "SELECT setval(pg_get_serial_sequence('ledger_entries_v2', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM ledger_entries_v2"),
            "ALTER TABLE ledger_entries_v2 RENAME TO ledger_entries",
            "CREATE INDEX ledger_reference ON ledger_entries(reference)",
            "CREATE INDEX ledger_user ON ledger_entries(user_id, kind)",
            "CREATE INDEX ledger_token ON ledger_entries(token_id, kind)",
            "ALTER TABLE tasks ADD COLUMN needs_reconciliation INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX usage_logs_created ON usage_logs(created_at)",
            // Every write to channels or prices, by any process, moves the `settings` revision; keys are read with
            // it, so a gateway routes and prices from memory until the revision says something changed.
            "CREATE TABLE revisions (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
            "INSERT INTO revisions (name, value) VALUES ('settings', 1)",
        ]
            + ["channels", "price_rules"].flatMap { table in
                ["INSERT", "UPDATE", "DELETE"].map { event in
                    MigrationStep.revisionTrigger(table: table, name: event.lowercased(), event: event, revision: "settings")
                }
            },
        // v3: every account with a quota has an `opening` ledger entry, so that its balance can be recomputed from
        // the ledger alone. An account that predates it opens with what its quota held beyond its recorded credits.
        ["token_id", "user_id"].map { owner in
            let table = owner == "token_id" ? "tokens" : "users"
            let other = owner == "token_id" ? "user_id" : "token_id"
            return MigrationStep.sql(
                """
                INSERT INTO ledger_entries (\(owner), kind, amount_micros, idempotency_key, reference, detail, created_at)
                SELECT a.id, 'opening',
                       a.quota_micros - (SELECT COALESCE(SUM(l.amount_micros), 0) FROM ledger_entries l
                                         WHERE l.\(owner) = a.id AND l.\(other) IS NULL AND l.kind IN ('topup', 'adjustment')),
                       'opening:' || a.id, a.id, 'balance before the ledger recorded it', a.created_at
                FROM \(table) a
                WHERE a.quota_micros IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_entries o WHERE o.idempotency_key = 'opening:' || a.id)
                """)
        }
            // A task's callbacks are sent in order: the sender asks for the earliest pending one of each task.
            + ["CREATE INDEX callbacks_task ON callbacks(task_id, state, id)"],
        // v4: a task's run of "not found" answers (since when, how many polls), so a refund needs the upstream to
        // have said so on every poll for a span, not once; and the digest of the upstream's last answer, so a poll
        // that learns nothing new writes only its next poll time.
        [
            "ALTER TABLE tasks ADD COLUMN missing_since INTEGER",
            "ALTER TABLE tasks ADD COLUMN missing_polls INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE tasks ADD COLUMN observed_digest TEXT",
            // The poller's lease walks live tasks by due time; a partial index keeps that walk as long as the batch,
            // however many tasks are due.
            "CREATE INDEX tasks_live_due ON tasks(next_poll_at) WHERE state IN ('queued', 'running')",
        ],
        // v5: the media store's copies of result files (the URL's digest and host only: a signed URL is a secret), and
        // how many polls of a finished task found a result file that could not be copied yet.
        [
            """
            CREATE TABLE media (
                id TEXT PRIMARY KEY,
                task_id TEXT NOT NULL,
                token_id TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                source_digest TEXT NOT NULL,
                source_host TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX media_source ON media(task_id, source_digest)",
            "CREATE INDEX media_expiry ON media(expires_at)",
            "ALTER TABLE tasks ADD COLUMN media_attempts INTEGER NOT NULL DEFAULT 0",
        ],
        // v6: the `accounts` revision, moved by every write to keys, users and groups that can change what a call may
        // do (not by charges and holds, which move only balances): a gateway keeps keys in memory until it moves.
        ["INSERT INTO revisions (name, value) VALUES ('accounts', 1)"]
            + AccountRevisionTriggers.steps,
        // v7: the web console's sign-in sessions: the SHA-256 of each session id (never the id, never the key), the
        // key's token and role, the form token, and when it ends. Plain SQL that PostgreSQL runs as well.
        [
            """
            CREATE TABLE console_sessions (
                id_hash TEXT PRIMARY KEY,
                token_id TEXT NOT NULL,
                role TEXT NOT NULL,
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX console_sessions_expiry ON console_sessions(expires_at)",
        ],
        // v8: the shares of balances that gateway instances sharing one PostgreSQL have leased (`SpendAllowance`);
        // unused on SQLite, where one process owns the store.
        [
            """
            CREATE TABLE spend_leases (
                instance_id TEXT NOT NULL,
                account TEXT NOT NULL,
                amount_micros INTEGER NOT NULL,
                lease_until INTEGER NOT NULL,
                PRIMARY KEY (instance_id, account)
            )
            """,
            "CREATE INDEX spend_leases_account ON spend_leases(account, lease_until)",
        ],
    ]

    static func apply(to database: Database, through lastVersion: Int? = nil) async throws {
        let dialect = database.dialect
        try await database.migrationTransaction { sql in
            for statement in MigrationStep.sql(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)"
            )
            .statements(for: dialect) {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }
        for (index, steps) in versions.enumerated() {
            let version = index + 1
            if let lastVersion, version > lastVersion { break }
            try await database.migrationTransaction { sql in
                let applied = try await sql.raw("SELECT version FROM schema_migrations WHERE version = \(bind: version)").first()
                guard applied == nil else { return }
                for statement in steps.flatMap({ $0.statements(for: dialect) }) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await sql.raw("INSERT INTO schema_migrations (version, applied_at) VALUES (\(bind: version), \(bind: Clock.wall.nowMillis()))")
                    .run()
            }
        }
    }
}
