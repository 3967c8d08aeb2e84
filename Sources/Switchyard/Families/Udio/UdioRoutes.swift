import Hummingbird

/// Udio's customer-facing API under `/udio`, as the relay platforms document it.
struct UdioRoutes: Sendable {
    let engine: TaskEngine
    let authenticator: CustomerAuthenticator
    let validator: UdioRequestValidator
    let bodyLimit: Int
    let family = UdioFamily()

    func register(on router: Router<GatewayRequestContext>) {
        let udio = router.group("udio")
        // The relays' two names for the one generate call.
        udio.post("submit/music") { request, context in try await submit(request, context) }
        udio.post("generate-proxy") { request, context in try await submit(request, context) }
        udio.get("fetch/:id") { request, context in try await fetch(request, context) }
        udio.get("query") { request, context in try await query(request, context) }
    }

    /// A generate task: answered with the new task's id.
    private func submit(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        var call = try validator.generate(try await RequestBody.jsonObject(request, limit: bodyLimit))
        // An extension names the caller's own song: sent as the upstream's id, to the channel that made it.
        _ = try await engine.resolveReferences(&call, ownedBy: token.id)
        // The key was read before the body arrived; a slow upload may outlast what the spend buffer remembers.
        let task = try await engine.submit(call, family: family, token: try await authenticator.fresh(token), logger: context.logger)
        return SunoEnvelope.response(.string(task.id))
    }

    private func fetch(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        guard let view = try await engine.view(id: try context.parameters.require("id"), family: family, ownedBy: token.id) else {
            throw GatewayError.notFound("Task")
        }
        return SunoEnvelope.response(data: view)
    }

    /// Songs by comma-separated ids, `{"songs":[...]}` as Udio answers: only the caller's; others' are left out as
    /// unknown ones are.
    private func query(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        guard let raw = request.uri.queryParameters["ids"], !raw.isEmpty else { throw GatewayError.validation(field: "ids", "is required") }
        let ids = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard ids.count <= 100 else { throw GatewayError.validation(field: "ids", "must name at most 100 songs") }
        let songs = try await engine.artifacts(ids, kind: UdioFamily.songKind, ownedBy: token.id)
        return .json(JSONValue.object(["songs": .array(songs.compactMap(\.payload))]).encoded())
    }
}
