import Hummingbird
import NIOCore

/// Luma's customer-facing API under `/dream-machine/v1`, as the `lumaai` SDK calls it.
struct LumaRoutes: Sendable {
    let table: TaskRoutes
    let validator: LumaRequestValidator

    func register(on router: Router<GatewayRequestContext>) {
        // A create answers 201 with the Generation; keyframes naming earlier generations are the caller's own,
        // resolved by the table to the channel that made them.
        let created: TaskRoutes.Answer = { .json($0.view ?? LumaFamily().render($0), status: .created) }
        table.register(
            [
                .submit("generations", validate: { body, _ in try validator.video(body) }, answer: created),
                .submit("generations/video", validate: { body, _ in try validator.video(body) }, answer: created),
                .submit("generations/image", validate: { body, _ in try validator.image(body) }, answer: created),
                .submit("generations/video/modify", validate: { body, _ in try validator.modifyVideo(body) }, answer: created),
                .submit("generations/video/reframe", validate: { body, _ in try validator.reframe(body, video: true) }, answer: created),
                .submit("generations/image/reframe", validate: { body, _ in try validator.reframe(body, video: false) }, answer: created),
                .custom(.post, "generations/:id/upscale") { request, context in
                    try await followUp(request, context, kind: "upscale") { body, model in try validator.upscale(body, sourceModel: model) }
                },
                .custom(.post, "generations/:id/audio") { request, context in
                    try await followUp(request, context, kind: "audio") { body, model in try validator.audio(body, sourceModel: model) }
                },
                .get("generations/:id", answer: { .json($0) }),
                .delete("generations/:id", answer: { Response(status: .noContent) }),
                .list("generations", answer: Self.listAnswer),
                .custom(.get, "generations/concepts/list") { request, context in
                    try await relayList(request, context, path: "/generations/concepts/list")
                },
                .custom(.get, "generations/camera_motion/list") { request, context in
                    try await relayList(request, context, path: "/generations/camera_motion/list")
                },
                .custom(.get, "credits") { request, context in try await credits(request, context) },
                .custom(.get, "ping") { _, _ in Response.json(#"{"message":"pong"}"#) },
            ], under: "dream-machine/v1", on: router)
    }

    /// Calls on an earlier generation: owned by the caller, completed, and sent to the channel that made it.
    private func followUp(
        _ request: Request, _ context: GatewayRequestContext, kind: String, validate: (JSONObject, String) throws -> TaskCall
    ) async throws -> Response {
        let token = try await table.authenticate(request, context)
        let sourceID = try context.parameters.require("id")
        guard let source = try await table.engine.source(of: sourceID, kind: "generation", ownedBy: token.id) else {
            throw GatewayError.notFound("Generation")
        }
        guard source.task.state == .succeeded else { throw GatewayError.invalidRequest("Generation \(sourceID) is not completed") }
        var call = try validate(try await RequestBody.jsonObject(request, limit: table.bodyLimit), source.task.model)
        call.path = "/generations/\(RequestInput.pathSegment(source.artifact.upstreamID))/\(kind)"
        call.route = .pinned(source.artifact.channelID)
        let task = try await table.submit(call, token: token, context: context)
        return .json(task.view ?? LumaFamily().render(task), status: .created)
    }

    /// A page as Luma lists it; the stored views are already JSON, so the page is assembled around them without
    /// decoding them again.
    static func listAnswer(_ page: TaskPage) -> Response {
        .json(
            #"{"generations":["# + page.views.joined(separator: ",")
                + #"],"count":\#(page.views.count),"has_more":\#(page.hasMore),"limit":\#(page.limit),"offset":\#(page.offset)}"#)
    }

    /// Lists that are the upstream's own (concepts, camera motions): relayed as they come from any Luma channel.
    private func relayList(_ request: Request, _ context: GatewayRequestContext, path: String) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let asked = try await table.engine.askAnyChannel(
            family: table.family, revision: token.settingsRevision, request: .json(.GET, path, body: nil), logger: context.logger)
        guard let response = asked else { throw GatewayError.noChannel(model: table.family.name) }
        guard response.isSuccess, response.json != nil else { throw LumaFamily.upstreamError(response) }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: response.body))
    }
    /// The caller's remaining quota in US cents, as Luma reports credits.
    private func credits(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticateWithBalance(request, context)
        // An unlimited token has no balance to report; it shows a fixed large figure rather than an error.
        let cents = token.spendableMicros.map { Double($0) / 10_000 } ?? 1_000_000_000
        return .json(JSONValue.object(["credit_balance": .number(cents)]).encoded())
    }
}
