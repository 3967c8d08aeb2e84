import Hummingbird

/// Suno's customer-facing API under `/suno`, as the relay platforms document it.
struct SunoRoutes: Sendable {
    let table: TaskRoutes
    let validator: SunoRequestValidator

    func register(on router: Router<GatewayRequestContext>) {
        // Task calls answer with the new task's id; calls the upstream answers at once, with what it made.
        let submitted: TaskRoutes.Answer = { RelayTaskProtocol.response(.string($0.id)) }
        let made: TaskRoutes.Answer = { RelayTaskProtocol.response($0.result ?? .null) }
        table.register(
            [
                .submit("submit/music", validate: { body, _ in try validator.music(body) }, answer: submitted),
                .submit("submit/lyrics", validate: { body, _ in try validator.lyrics(body) }, answer: submitted),
                .submit("submit/concat", validate: { body, _ in try validator.concat(body) }, answer: submitted),
                .submit("uploads/audio-url", validate: { body, _ in try validator.upload(body) }, answer: made),
                .submit("persona/create", validate: { body, _ in try validator.persona(body) }, answer: made),
                .custom(.get, "act/:action/:clip_id") { request, context in try await act(request, context) },
                .get("fetch/:id", answer: { RelayTaskProtocol.response(data: $0) }),
                .custom(.post, "fetch") { request, context in try await fetchBatch(request, context) },
                .custom(.get, "feed/:ids") { request, context in try await feed(request, context) },
            ], under: "suno", on: router)
    }

    /// Stems, timing, wav and mp4 of a clip: a GET without a body, answered with what the upstream made.
    private func act(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context)
        guard let action = SunoAction(rawValue: try context.parameters.require("action")), [.stems, .timing, .wav, .mp4].contains(action) else {
            throw GatewayError.notFound("Route")
        }
        let call = try validator.act(action, clipID: try context.parameters.require("clip_id"))
        return RelayTaskProtocol.response(try await table.submit(call, token: token, context: context).result ?? .null)
    }

    /// A call on a clip is held to what the clip's model can do; an extension keeps the clip's model version.
    static func checkModelRules(_ call: inout TaskCall, sourceModel: String?, settings: SunoSettings) throws {
        if call.model.isEmpty { call.model = sourceModel ?? settings.defaultModel }
        guard let sourceModel else { return }
        if call.upstreamBody?["task"] == "extend", sourceModel != call.model {
            throw GatewayError.unsupported("The extended clip was made by \(sourceModel); extend it with mv \(sourceModel)")
        }
        if [.stems, .timing, .mp4, .wav, .concat, .persona].contains(call.sunoAction), !settings.allows(call.sunoAction, on: sourceModel) {
            throw GatewayError.unsupported("\(call.action) is not available for clips made by \(sourceModel)")
        }
    }

    /// Tasks in batch: only the caller's come back; others' ids are left out as unknown ones are.
    private func fetchBatch(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let body = try await RequestBody.jsonObject(request, limit: table.bodyLimit)
        guard case .array(let ids)? = body["ids"], ids.count <= 100 else {
            throw GatewayError.validation(field: "ids", "must be a list of at most 100 task ids")
        }
        var views: [String] = []
        for id in ids {
            guard let id = id.stringValue else { throw GatewayError.validation(field: "ids", "must contain task ids") }
            if let view = try await table.view(of: id, token: token) { views.append(view) }
        }
        return RelayTaskProtocol.response(data: "[" + views.joined(separator: ",") + "]")
    }

    /// Songs in batch by clip id: only the caller's clips.
    private func feed(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let ids = try context.parameters.require("ids").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let clips = try await table.engine.artifacts(ids, kind: "clip", ownedBy: token.id)
        return RelayTaskProtocol.response(.array(clips.compactMap(\.payload)))
    }
}
