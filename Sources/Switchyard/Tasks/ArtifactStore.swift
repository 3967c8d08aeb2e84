import SQLKit

/// Public ids of addressable results, and the translation between them and upstream ids.
public struct ArtifactStore: Sendable {
    let database: Database
    let clock: Clock

    public init(database: Database, clock: Clock) {
        self.database = database
        self.clock = clock
    }

    /// The artifact `publicID` if `tokenID` owns it and its task is not deleted; others' ids are simply not found.
    public func find(publicID: String, ownedBy tokenID: String, kind: String? = nil) async throws -> Artifact? {
        guard publicID.count <= 100,
            let row = try await database.read.raw(
                """
                SELECT a.* FROM artifacts a JOIN tasks t ON t.id = a.task_id
                WHERE a.public_id = \(bind: publicID) AND a.token_id = \(bind: tokenID) AND t.deleted = 0
                """
            ).first()
        else { return nil }
        let artifact = try Self.decode(row)
        if let kind, artifact.kind != kind { return nil }
        return artifact
    }

    /// Several of the owner's artifacts at once (one query), in the order asked; unknown and foreign ids are left out.
    public func find(publicIDs: [String], ownedBy tokenID: String, kind: String) async throws -> [Artifact] {
        let wanted = publicIDs.prefix(100).filter { $0.count <= 100 }
        guard !wanted.isEmpty else { return [] }
        let rows = try await database.read.raw(
            """
            SELECT a.* FROM artifacts a JOIN tasks t ON t.id = a.task_id
            WHERE a.public_id IN (\(binds: wanted)) AND a.token_id = \(bind: tokenID) AND a.kind = \(bind: kind) AND t.deleted = 0
            """
        ).all()
        let byID = Dictionary(try rows.map(Self.decode).map { ($0.publicID, $0) }, uniquingKeysWith: { first, _ in first })
        return wanted.compactMap { byID[$0] }
    }

    /// Gives every produced artifact a public id (reusing the one it already has), then rewrites `result` so each
    /// upstream id it mentions that belongs to this owner on this channel reads as its public id. Stored payloads
    /// are refreshed with the rewritten objects.
    func publish(_ produced: [ProducedArtifact], in result: JSONValue, task: TaskRecord, channelID: Int64, family: any ArtifactProducingTaskFamily)
        async throws -> JSONValue
    {
        let now = clock.nowMillis()
        // One transaction for the new ids, one read for the mapping, one transaction for the payloads.
        if !produced.isEmpty {
            try await database.transaction { sql in
                for artifact in produced {
                    let publicID = artifact.publicID ?? family.newArtifactID(kind: artifact.kind)
                    try await sql.raw(
                        """
                        INSERT INTO artifacts (public_id, kind, task_id, token_id, channel_id, upstream_id, model, created_at)
                        VALUES (\(bind: publicID), \(bind: artifact.kind), \(bind: task.id), \(bind: task.tokenID), \(bind: channelID),
                                \(bind: artifact.upstreamID), \(bind: artifact.model), \(bind: now))
                        ON CONFLICT(channel_id, upstream_id) DO NOTHING
                        """
                    ).run()
                }
            }
        }
        let mapping = try await publicIDs(mentionedIn: result, channelID: channelID, tokenID: task.tokenID)
        let payloads = produced.compactMap { artifact in
            artifact.payload.flatMap { payload in mapping[artifact.upstreamID].map { ($0, payload.replacingStrings(mapping).encoded()) } }
        }
        if !payloads.isEmpty {
            try await database.transaction { sql in
                for (publicID, rewritten) in payloads {
                    try await sql.raw("UPDATE artifacts SET payload = \(bind: rewritten) WHERE public_id = \(bind: publicID)").run()
                }
            }
        }
        return result.replacingStrings(mapping)
    }

    /// upstream id → public id for every id-like string in `value` that names one of the owner's artifacts.
    func publicIDs(mentionedIn value: JSONValue, channelID: Int64, tokenID: String) async throws -> [String: String] {
        var candidates = Set<String>()
        value.collectIdentifiers(into: &candidates)
        guard !candidates.isEmpty else { return [:] }
        // One query for all of them (SQLite allows far more parameters than a result holds ids).
        let rows = try await database.read.raw(
            """
            SELECT upstream_id, public_id FROM artifacts WHERE channel_id = \(bind: channelID) AND token_id = \(bind: tokenID)
            AND upstream_id IN (\(binds: Array(candidates)))
            """
        ).all()
        var mapping: [String: String] = [:]
        for row in rows {
            mapping[try row.decode(column: "upstream_id", as: String.self)] = try row.decode(column: "public_id", as: String.self)
        }
        return mapping
    }

    static func decode(_ row: any SQLRow) throws -> Artifact {
        Artifact(
            publicID: try row.decode(column: "public_id", as: String.self),
            kind: try row.decode(column: "kind", as: String.self),
            taskID: try row.decode(column: "task_id", as: String.self),
            tokenID: try row.decode(column: "token_id", as: String.self),
            channelID: try row.decode(column: "channel_id", as: Int64.self),
            upstreamID: try row.decode(column: "upstream_id", as: String.self),
            model: try row.decode(column: "model", as: String?.self),
            payload: try row.decode(column: "payload", as: String?.self).flatMap { JSONValue.parse($0.utf8) })
    }
}
