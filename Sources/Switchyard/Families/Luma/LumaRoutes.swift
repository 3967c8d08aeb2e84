import Hummingbird
import NIOCore

/// Luma's customer-facing API under `/dream-machine/v1`, as the `lumaai` SDK calls it.
struct LumaRoutes: Sendable {
    let engine: TaskEngine
    let authenticator: CustomerAuthenticator
    let validator: LumaRequestValidator
    let bodyLimit: Int
    let family = LumaFamily()

    func register(on router: Router<GatewayRequestContext>) {
        let api = router.group("dream-machine/v1")
        api.post("generations") { request, context in try await create(request, context) { try validator.video($0) } }
        api.post("generations/video") { request, context in try await create(request, context) { try validator.video($0) } }
        api.post("generations/image") { request, context in try await create(request, context) { try validator.image($0) } }
        api.post("generations/video/modify") { request, context in try await create(request, context) { try validator.modifyVideo($0) } }
        api.post("generations/video/reframe") { request, context in try await create(request, context) { try validator.reframe($0, video: true) } }
        api.post("generations/image/reframe") { request, context in try await create(request, context) { try validator.reframe($0, video: false) } }
        api.post("generations/:id/upscale") { request, context in
            try await followUp(request, context, kind: "upscale") { body, model in try validator.upscale(body, sourceModel: model) }
        }
        api.post("generations/:id/audio") { request, context in
            try await followUp(request, context, kind: "audio") { body, model in try validator.audio(body, sourceModel: model) }
        }
        api.get("generations/:id") { request, context in try await get(request, context) }
        api.delete("generations/:id") { request, context in try await delete(request, context) }
        api.get("generations") { request, context in try await list(request, context) }
        api.get("generations/concepts/list") { request, context in try await relayList(request, context, path: "/generations/concepts/list") }
        api.get("generations/camera_motion/list") { request, context in
            try await relayList(request, context, path: "/generations/camera_motion/list")
        }
        api.get("credits") { request, context in try await credits(request, context) }
        api.get("ping") { _, _ in Response.json(#"{"message":"pong"}"#) }
    }

    private func create(
        _ request: Request, _ context: GatewayRequestContext, validate: (JSONObject) throws -> TaskCall
    ) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        var call = try validate(try await RequestBody.jsonObject(request, limit: bodyLimit))
        _ = try await engine.resolveReferences(&call, ownedBy: token.id)
        return try await submit(call, token: token, context: context)
    }

    /// Calls on an earlier generation: owned by the caller, completed, and sent to the channel that made it.
    private func followUp(
        _ request: Request, _ context: GatewayRequestContext, kind: String, validate: (JSONObject, String) throws -> TaskCall
    ) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        let sourceID = try context.parameters.require("id")
        guard let source = try await engine.source(of: sourceID, kind: "generation", ownedBy: token.id) else {
            throw GatewayError.notFound("Generation")
        }
        guard source.task.state == .succeeded else { throw GatewayError.invalidRequest("Generation \(sourceID) is not completed") }
        var call = try validate(try await RequestBody.jsonObject(request, limit: bodyLimit), source.task.model)
        call.path = "/generations/\(RequestInput.pathSegment(source.artifact.upstreamID))/\(kind)"
        call.route = .pinned(source.artifact.channelID)
        return try await submit(call, token: token, context: context)
    }

    private func submit(_ call: TaskCall, token: Token, context: GatewayRequestContext) async throws -> Response {
        let task = try await engine.submit(
            call, family: family,
            // The key was read before the body arrived; a slow upload may outlast what the spend buffer remembers.
            token: try await authenticator.fresh(token), logger: context.logger)
        return .json(task.view ?? family.render(task), status: .created)
    }

    private func get(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let id = try context.parameters.require("id")
        guard let view = try await engine.view(id: id, family: family, ownedBy: token.id) else { throw GatewayError.notFound("Generation") }
        return .json(view)
    }

    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let query = request.uri.queryParameters
        let limit = try RequestInput.integer(query["limit"].map(String.init), name: "limit", default: 10, range: 1...1000)
        let offset = try RequestInput.integer(query["offset"].map(String.init), name: "offset", default: 0, range: 0...Int(Int32.max))
        let page = try await engine.list(family: family, ownedBy: token.id, limit: limit, offset: offset)
        let views = page.views
        // The stored views are already JSON; the page is assembled around them without decoding them again.
        let body =
            #"{"generations":["# + views.joined(separator: ",")
            + #"],"count":\#(views.count),"has_more":\#(offset + views.count < page.total),"limit":\#(limit),"offset":\#(offset)}"#
        return .json(body)
    }

    private func delete(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        guard try await engine.delete(id: try context.parameters.require("id"), family: family, ownedBy: token.id, logger: context.logger) else {
            throw GatewayError.notFound("Generation")
        }
        return Response(status: .noContent)
    }

    /// Lists that are the upstream's own (concepts, camera motions): relayed as they come from any Luma channel.
    private func relayList(_ request: Request, _ context: GatewayRequestContext, path: String) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let asked = try await engine.askAnyChannel(
            family: family, revision: token.settingsRevision, request: .json(.GET, path, body: nil), logger: context.logger)
        guard let response = asked else { throw GatewayError.noChannel(model: family.name) }
        guard response.isSuccess, response.json != nil else { throw LumaFamily.upstreamError(response) }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: response.body))
    }
    /// The caller's remaining quota in US cents, as Luma reports credits.
    private func credits(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        // An unlimited token has no balance to report; it shows a fixed large figure rather than an error.
        let cents = token.spendableMicros.map { Double($0) / 10_000 } ?? 1_000_000_000
        return .json(JSONValue.object(["credit_balance": .number(cents)]).encoded())
    }
}
