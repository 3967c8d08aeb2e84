import Logging

/// What a family's routes ask of the engine: artifact references resolved the same way for every family, and
/// submit, list, delete and upstream lists without reaching into the store, the executor or the channel list.
extension TaskEngine {
    /// Translates the call's artifact references into upstream ids: each must be the caller's own and of its kind,
    /// and all must come from one channel, which the call is then pinned to. Returns the artifacts, in the order
    /// of the references.
    public func resolveReferences(_ call: inout TaskCall, ownedBy tokenID: String) async throws -> [Artifact] {
        var resolved: [Artifact] = []
        for reference in call.references {
            guard let artifact = try await artifacts.find(publicID: reference.id, ownedBy: tokenID, kind: reference.kind) else {
                throw reference.notFound
            }
            if let first = resolved.first, first.channelID != artifact.channelID { throw call.mixedChannels }
            resolved.append(artifact)
            switch reference.slot {
            case .pathSuffix:
                call.path += RequestInput.pathSegment(artifact.upstreamID)
            case .field(let field):
                call.upstreamBody?[field] = .string(artifact.upstreamID)
            case .element(let field, let index):
                guard case .array(var ids)? = call.upstreamBody?[field], ids.indices.contains(index) else { continue }
                ids[index] = .string(artifact.upstreamID)
                call.upstreamBody?[field] = .array(ids)
            case .nested(let keys):
                guard let head = keys.first, let body = call.upstreamBody else { continue }
                call.upstreamBody?[head] = Self.replacing(body[head], at: keys.dropFirst(), with: artifact.upstreamID)
            }
        }
        if let channel = resolved.first?.channelID { call.route = .pinned(channel) }
        return resolved
    }

    /// Holds the call's price and sends it upstream as a new task of `family`. References must be resolved first.
    public func submit(_ call: TaskCall, family: any TaskFamily, token: Token, logger: Logger) async throws -> TaskRecord {
        let draft = Draft(
            family: family, action: call.action, model: call.model, request: .object(call.request),
            upstreamRequest: StoredUpstreamCall.make(call.method, call.path, body: call.upstreamBody), priceFacts: call.priceFacts,
            callbackURL: call.callbackURL, route: call.route, publicID: family.newTaskID())
        return try await submit(draft, token: token, logger: logger)
    }

    /// The caller's task `id` of `family`; nil when it is not theirs (or deleted).
    public func task(id: String, family: any TaskFamily, ownedBy tokenID: String) async throws -> TaskRecord? {
        guard id.count <= 100, let task = try await store.find(id: id, ownedBy: tokenID), task.family == family.name else { return nil }
        return task
    }

    /// Asks the channel that ran `task` a question of the upstream's own about it (an image's seed, the rest of a
    /// call the upstream paused for more input); nil when that channel is gone or disabled. No failover: only that
    /// upstream account knows the task.
    public func askChannel(of task: TaskRecord, family: any TaskFamily, request: UpstreamRequest, logger: Logger) async throws
        -> UpstreamResponse?
    {
        guard let channelID = task.channelID, let channel = try await channels.find(id: channelID), channel.isEnabled else { return nil }
        return try await executor.send(request, to: channel, authorizer: family.authorizer, logger: logger)
    }

    /// Polls a live task at the next tick, after the customer told its upstream something that moves it on.
    public func pollSoon(_ task: TaskRecord) async throws {
        guard task.state.isLive else { return }
        try await store.reschedule(id: task.id, nextPollAt: clock.nowMillis(), pollAttempts: 0)
    }

    /// The caller's artifact of `kind` with the task that made it, when both are theirs.
    public func source(of publicID: String, kind: String, ownedBy tokenID: String) async throws -> (artifact: Artifact, task: TaskRecord)? {
        guard let artifact = try await artifacts.find(publicID: publicID, ownedBy: tokenID, kind: kind),
            let task = try await store.find(id: artifact.taskID, ownedBy: tokenID)
        else { return nil }
        return (artifact, task)
    }

    /// The caller's artifacts of `kind` among `publicIDs`; others' and unknown ids are left out.
    public func artifacts(_ publicIDs: [String], kind: String, ownedBy tokenID: String) async throws -> [Artifact] {
        try await artifacts.find(publicIDs: publicIDs, ownedBy: tokenID, kind: kind)
    }

    /// One page of the caller's tasks of `family`, newest first, as their customer-facing JSON.
    public func list(family: any TaskFamily, ownedBy tokenID: String, limit: Int, offset: Int) async throws -> (views: [String], total: Int) {
        let page = try await store.list(family: family.name, ownedBy: tokenID, limit: limit, offset: offset)
        return (page.tasks.map { $0.view ?? family.render($0) }, page.total)
    }

    /// Deletes the caller's task of `family`; false when there is none.
    public func delete(id: String, family: any TaskFamily, ownedBy tokenID: String, logger: Logger) async throws -> Bool {
        guard let task = try await store.find(id: id, ownedBy: tokenID), task.family == family.name else { return false }
        try await delete(task, logger: logger)
        return true
    }

    /// Asks any enabled channel of `family` a read-only question of the upstream's own (Luma's concept list);
    /// nil when the family has no enabled channel.
    public func askAnyChannel(family: any TaskFamily, revision: Int64, request: UpstreamRequest, logger: Logger) async throws -> UpstreamResponse? {
        let candidates = selector.order(try await channels.enabled(family: family.name, revision: revision))
        guard !candidates.isEmpty else { return nil }
        return try await executor.sendWithFailover(channels: candidates, authorizer: family.authorizer, logger: logger) { _ in request }.response
    }

    /// `value` with the string at `keys` set to `id`; unchanged when the path leads through something else than
    /// objects.
    static func replacing(_ value: JSONValue?, at keys: ArraySlice<String>, with id: String) -> JSONValue {
        guard let key = keys.first, case .object(var object)? = value else { return value ?? .null }
        if keys.count == 1 {
            object[key] = .string(id)
        } else {
            guard object[key] != nil else { return .object(object) }
            object[key] = replacing(object[key], at: keys.dropFirst(), with: id)
        }
        return .object(object)
    }
}
