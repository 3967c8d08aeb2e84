/// The triggers that move the `accounts` revision: any insert or delete of a key, user or group, and any update of
/// a column that decides what a key may do. Balance columns (`used_micros`, `held_micros`) are left out on purpose:
/// every charge writes them, and the spend buffer already accounts for this process's charges in memory.
enum AccountRevisionTriggers {
    static let watchedColumns: [(table: String, columns: [String])] = [
        ("tokens", ["key_hash", "status", "quota_micros", "expires_at", "allowed_models", "allowed_ips", "rpm_limit", "user_id"]),
        ("users", ["role", "status", "quota_micros", "rpm_limit", "group_name"]),
        ("groups", ["name", "multiplier"]),
    ]

    static var statements: [String] {
        watchedColumns.flatMap { table, columns in
            [
                ("insert", "INSERT"), ("delete", "DELETE"), ("update", "UPDATE OF \(columns.joined(separator: ", "))"),
            ].map { name, event in
                """
                CREATE TRIGGER \(table)_\(name)_moves_accounts AFTER \(event) ON \(table)
                BEGIN UPDATE revisions SET value = value + 1 WHERE name = 'accounts'; END
                """
            }
        }
    }
}
