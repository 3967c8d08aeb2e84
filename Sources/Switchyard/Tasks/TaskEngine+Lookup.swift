import SQLKit

/// Reads for families whose customers address tasks by more than the task's id: by a field of their own request
/// (Kling's `external_task_id`), and lists limited to some of the family's actions (one list per create path).
extension TaskEngine {
    /// The owner's newest task of `family` among `actions` whose accepted request has the string `value` at
    /// top-level `field`; nil when there is none.
    public func task(
        family: any TaskFamily, actions: [String], ownedBy tokenID: String, requestField field: String, equals value: String
    ) async throws -> TaskRecord? {
        try await store.database.read.raw(
            """
            SELECT * FROM tasks WHERE token_id = \(bind: tokenID) AND family = \(bind: family.name) AND deleted = 0
            AND action IN (\(binds: actions)) AND \(SQLDialectPieces.jsonText(column: "request", field: field, dialect: store.database.dialect)) = \(bind: value)
            ORDER BY created_at DESC, id DESC LIMIT 1
            """
        ).first().map(TaskRecord.decode)
    }

    /// The owner's task `id` of `family` when its action is among `actions`.
    public func task(id: String, family: any TaskFamily, actions: [String], ownedBy tokenID: String) async throws -> TaskRecord? {
        guard let task = try await store.find(id: id, ownedBy: tokenID), task.family == family.name, actions.contains(task.action) else {
            return nil
        }
        return task
    }

    /// What its owner sees of `task`: the stored view, or the view rendered now for a task still being submitted.
    public func view(of task: TaskRecord, family: any TaskFamily) -> String {
        task.view ?? family.render(task)
    }

    /// One page of the owner's tasks of `family` among `actions`, newest first, as their customer-facing JSON, and how
    /// many there are in all.
    public func list(
        family: any TaskFamily, actions: [String], ownedBy tokenID: String, limit: Int, offset: Int
    ) async throws -> (views: [String], total: Int) {
        let rows = try await store.database.read.raw(
            """
            SELECT * FROM tasks WHERE token_id = \(bind: tokenID) AND family = \(bind: family.name) AND deleted = 0
            AND action IN (\(binds: actions)) ORDER BY created_at DESC, id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        let total =
            try await store.database.read.raw(
                """
                SELECT COUNT(*) AS n FROM tasks WHERE token_id = \(bind: tokenID) AND family = \(bind: family.name) AND deleted = 0
                AND action IN (\(binds: actions))
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        return (try rows.map(TaskRecord.decode).map { $0.view ?? family.render($0) }, total)
    }
}
