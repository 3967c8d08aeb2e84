import Hummingbird

/// Suno's customer-facing API under `/suno`, as the relay platforms document it.
struct SunoRoutes: Sendable {
    let engine: TaskEngine
    let authenticator: CustomerAuthenticator
    let validator: SunoRequestValidator
    let bodyLimit: Int
    let family = SunoFamily()

    func register(on router: Router<GatewayRequestContext>) {
        let suno = router.group("suno")
        suno.post("submit/music") { request, context in try await submit(request, context) { try validator.music($0) } }
        suno.post("submit/lyrics") { request, context in try await submit(request, context) { try validator.lyrics($0) } }
        suno.post("submit/concat") { request, context in try await submit(request, context) { try validator.concat($0) } }
        suno.post("uploads/audio-url") { request, context in try await answerAtOnce(request, context) { try validator.upload($0) } }
        suno.post("persona/create") { request, context in try await answerAtOnce(request, context) { try validator.persona($0) } }
        suno.get("act/:action/:clip_id") { request, context in try await act(request, context) }
        suno.get("fetch/:id") { request, context in try await fetch(request, context) }
        suno.post("fetch") { request, context in try await fetchBatch(request, context) }
        suno.get("feed/:ids") { request, context in try await feed(request, context) }
    }

    /// Task calls: answered with the new task's id.
    private func submit(_ request: Request, _ context: GatewayRequestContext, validate: (JSONObject) throws -> TaskCall) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        let call = try validate(try await RequestBody.jsonObject(request, limit: bodyLimit))
        let task = try await run(call, token: token, context: context)
        return SunoEnvelope.response(.string(task.id))
    }

    /// Calls the upstream answers at once: answered with what it made, in public ids.
    private func answerAtOnce(_ request: Request, _ context: GatewayRequestContext, validate: (JSONObject) throws -> TaskCall) async throws
        -> Response
    {
        let token = try await authenticator.authenticate(request, context: context)
        let call = try validate(try await RequestBody.jsonObject(request, limit: bodyLimit))
        let task = try await run(call, token: token, context: context)
        return SunoEnvelope.response(task.result ?? .null)
    }

    private func act(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        guard let action = SunoAction(rawValue: try context.parameters.require("action")), [.stems, .timing, .wav, .mp4].contains(action) else {
            throw GatewayError.notFound("Route")
        }
        let task = try await run(validator.act(action, clipID: try context.parameters.require("clip_id")), token: token, context: context)
        return SunoEnvelope.response(task.result ?? .null)
    }

    /// Translates the customer's ids, applies the model rules, and runs the call through the task engine.
    private func run(_ validated: TaskCall, token: Token, context: GatewayRequestContext) async throws -> TaskRecord {
        var call = validated
        let sources = try await engine.resolveReferences(&call, ownedBy: token.id)
        try checkModelRules(&call, sourceModel: sources.filter { $0.kind == "clip" }.compactMap(\.model).first)
        return try await engine.submit(
            call, family: family,
            // The key was read before the body arrived; a slow upload may outlast what the spend buffer remembers.
            token: try await authenticator.fresh(token), logger: context.logger)
    }

    /// A call on a clip is held to what the clip's model can do; an extension keeps the clip's model version.
    private func checkModelRules(_ call: inout TaskCall, sourceModel: String?) throws {
        if call.model.isEmpty { call.model = sourceModel ?? validator.settings.defaultModel }
        guard let sourceModel else { return }
        if call.upstreamBody?["task"] == "extend", sourceModel != call.model {
            throw GatewayError.unsupported("The extended clip was made by \(sourceModel); extend it with mv \(sourceModel)")
        }
        if [.stems, .timing, .mp4, .wav, .concat, .persona].contains(call.sunoAction), !validator.settings.allows(call.sunoAction, on: sourceModel) {
            throw GatewayError.unsupported("\(call.action) is not available for clips made by \(sourceModel)")
        }
    }

    private func fetch(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        guard let view = try await view(of: try context.parameters.require("id"), token: token) else { throw GatewayError.notFound("Task") }
        return SunoEnvelope.response(data: view)
    }

    /// Tasks in batch: only the caller's come back; others' ids are left out as unknown ones are.
    private func fetchBatch(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let body = try await RequestBody.jsonObject(request, limit: bodyLimit)
        guard case .array(let ids)? = body["ids"], ids.count <= 100 else {
            throw GatewayError.validation(field: "ids", "must be a list of at most 100 task ids")
        }
        var views: [String] = []
        for id in ids {
            guard let id = id.stringValue else { throw GatewayError.validation(field: "ids", "must contain task ids") }
            if let view = try await view(of: id, token: token) { views.append(view) }
        }
        return SunoEnvelope.response(data: "[" + views.joined(separator: ",") + "]")
    }

    /// Songs in batch by clip id: only the caller's clips.
    private func feed(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let ids = try context.parameters.require("ids").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let clips = try await engine.artifacts(ids, kind: "clip", ownedBy: token.id)
        return SunoEnvelope.response(.array(clips.compactMap(\.payload)))
    }

    private func view(of id: String, token: Token) async throws -> String? {
        try await engine.view(id: id, family: family, ownedBy: token.id)
    }
}
