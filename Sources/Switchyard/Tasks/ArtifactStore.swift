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

    /// Several of the owner's artifacts at once, in the order asked; unknown and foreign ids are left out.
    public func find(publicIDs: [String], ownedBy tokenID: String, kind: String) async throws -> [Artifact] {
        var found: [Artifact] = []
        for id in publicIDs.prefix(100) {
            if let artifact = try await find(publicID: id, ownedBy: tokenID, kind: kind) { found.append(artifact) }
        }
        return found
    }

    /// Gives every produced artifact a public id (reusing the one it already has), then rewrites `result` so each
    /// upstream id it mentions that belongs to this owner on this channel reads as its public id. Stored payloads
    /// are refreshed with the rewritten objects.
    func publish(_ produced: [ProducedArtifact], in result: JSONValue, task: TaskRecord, channelID: Int64, family: any ArtifactProducingTaskFamily)
        async throws -> JSONValue
    {
        let now = clock.nowMillis()
        for artifact in produced {
            let publicID = artifact.publicID ?? family.newArtifactID(kind: artifact.kind)
            try await database.write { sql in
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
        let mapping = try await publicIDs(mentionedIn: result, channelID: channelID, tokenID: task.tokenID)
        for artifact in produced {
            guard let payload = artifact.payload, let publicID = mapping[artifact.upstreamID] else { continue }
            let rewritten = payload.replacingStrings(mapping).encoded()
            try await database.write { sql in
                try await sql.raw("UPDATE artifacts SET payload = \(bind: rewritten) WHERE public_id = \(bind: publicID)").run()
            }
        }
        return result.replacingStrings(mapping)
    }

    /// upstream id → public id for every id-like string in `value` that names one of the owner's artifacts.
    func publicIDs(mentionedIn value: JSONValue, channelID: Int64, tokenID: String) async throws -> [String: String] {
        var candidates = Set<String>()
        value.collectIdentifiers(into: &candidates)
        var mapping: [String: String] = [:]
        for candidate in candidates {
            if let row = try await database.read.raw(
                """
                SELECT public_id FROM artifacts WHERE channel_id = \(bind: channelID) AND upstream_id = \(bind: candidate)
                AND token_id = \(bind: tokenID)
                """
            ).first() {
                mapping[candidate] = try row.decode(column: "public_id", as: String.self)
            }
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
