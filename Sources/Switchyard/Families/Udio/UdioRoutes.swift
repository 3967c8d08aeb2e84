import Hummingbird

/// Udio's customer-facing API under `/udio`, as the relay platforms document it.
struct UdioRoutes: Sendable {
    let table: TaskRoutes
    let validator: UdioRequestValidator

    func register(on router: Router<GatewayRequestContext>) {
        // The relays' two names for the one generate call; an extension names the caller's own song, which the
        // table resolves to the upstream's id on the channel that made it.
        let submitted: TaskRoutes.Answer = { RelayTaskProtocol.response(.string($0.id)) }
        table.register(
            [
                .submit("submit/music", validate: { body, _ in try validator.generate(body) }, answer: submitted),
                .submit("generate-proxy", validate: { body, _ in try validator.generate(body) }, answer: submitted),
                .get("fetch/:id", answer: { RelayTaskProtocol.response(data: $0) }),
                .custom(.get, "query") { request, context in try await query(request, context) },
            ], under: "udio", on: router)
    }

    /// Songs by comma-separated ids, `{"songs":[...]}` as Udio answers: only the caller's; others' are left out as
    /// unknown ones are.
    private func query(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        guard let raw = request.uri.queryParameters["ids"], !raw.isEmpty else { throw GatewayError.validation(field: "ids", "is required") }
        let ids = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard ids.count <= 100 else { throw GatewayError.validation(field: "ids", "must name at most 100 songs") }
        let songs = try await table.engine.artifacts(ids, kind: UdioFamily.songKind, ownedBy: token.id)
        return .json(JSONValue.object(["songs": .array(songs.compactMap(\.payload))]).encoded())
    }
}
