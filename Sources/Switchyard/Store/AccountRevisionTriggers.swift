/// The triggers that move the `accounts` revision: any insert or delete of a key, user or group, and any update of
/// a column that decides what a key may do. Balance columns (`used_micros`, `held_micros`) are left out on purpose:
/// every charge writes them, and the spend buffer already accounts for this process's charges in memory.
enum AccountRevisionTriggers {
    static let watchedColumns: [(table: String, columns: [String])] = [
        ("tokens", ["key_hash", "status", "quota_micros", "expires_at", "allowed_models", "allowed_ips", "rpm_limit", "user_id"]),
        ("users", ["role", "status", "quota_micros", "rpm_limit", "group_name"]),
        ("groups", ["name", "multiplier"]),
    ]

    /// One trigger per table and event, on either engine (`MigrationStep.revisionTrigger`).
    static var steps: [MigrationStep] {
        watchedColumns.flatMap { table, columns in
            [
                ("insert", "INSERT"), ("delete", "DELETE"), ("update", "UPDATE OF \(columns.joined(separator: ", "))"),
            ].map { name, event in
                MigrationStep.revisionTrigger(table: table, name: name, event: event, revision: "accounts")
            }
        }
    }
}
