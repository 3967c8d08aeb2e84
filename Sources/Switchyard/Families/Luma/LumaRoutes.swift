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
        _ request: Request, _ context: GatewayRequestContext, validate: (JSONObject) throws -> LumaCall
    ) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        var call = try validate(try await RequestBody.jsonObject(request, limit: bodyLimit))
        var pinnedChannel: Int64?
        for reference in call.generationReferences {
            guard let source = try await engine.artifacts.find(publicID: reference.id, ownedBy: token.id, kind: "generation") else {
                throw GatewayError.invalidRequest("keyframes.\(reference.frame): generation \(reference.id) not found")
            }
            if let pinnedChannel, pinnedChannel != source.channelID {
                throw GatewayError.invalidRequest("keyframes refer to generations made on different upstream accounts")
            }
            pinnedChannel = source.channelID
            call.upstreamBody["keyframes"] = Self.replacingFrameID(call.upstreamBody["keyframes"], frame: reference.frame, with: source.upstreamID)
        }
        return try await submit(call, token: token, pinnedChannel: pinnedChannel, context: context)
    }

    /// Calls on an earlier generation: owned by the caller, completed, and sent to the channel that made it.
    private func followUp(
        _ request: Request, _ context: GatewayRequestContext, kind: String, validate: (JSONObject, String) throws -> LumaCall
    ) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        let sourceID = try context.parameters.require("id")
        guard let source = try await engine.artifacts.find(publicID: sourceID, ownedBy: token.id, kind: "generation"),
            let sourceTask = try await engine.store.find(id: source.taskID, ownedBy: token.id)
        else { throw GatewayError.notFound("Generation") }
        guard sourceTask.state == .succeeded else { throw GatewayError.invalidRequest("Generation \(sourceID) is not completed") }
        var call = try validate(try await RequestBody.jsonObject(request, limit: bodyLimit), sourceTask.model)
        call.upstreamPath = "/generations/\(RequestInput.pathSegment(source.upstreamID))/\(kind)"
        return try await submit(call, token: token, pinnedChannel: source.channelID, context: context)
    }

    private func submit(_ call: LumaCall, token: Token, pinnedChannel: Int64?, context: GatewayRequestContext) async throws -> Response {
        let draft = TaskEngine.Draft(
            family: family, action: call.generationType, model: call.model, request: .object(call.echo),
            upstreamRequest: StoredUpstreamCall.make(.POST, call.upstreamPath, body: call.upstreamBody), priceFacts: call.priceFacts,
            callbackURL: call.callbackURL, route: pinnedChannel.map(ChannelRoute.pinned) ?? .byModel, publicID: PublicID.uuid())
        let task = try await engine.submit(
            draft,
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
        let page = try await engine.store.list(family: family.name, ownedBy: token.id, limit: limit, offset: offset)
        let views = page.tasks.map { $0.view ?? family.render($0) }
        // The stored views are already JSON; the page is assembled around them without decoding them again.
        let body =
            #"{"generations":["# + views.joined(separator: ",")
            + #"],"count":\#(views.count),"has_more":\#(offset + views.count < page.total),"limit":\#(limit),"offset":\#(offset)}"#
        return .json(body)
    }

    private func delete(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        guard let task = try await engine.store.find(id: try context.parameters.require("id"), ownedBy: token.id), task.family == family.name else {
            throw GatewayError.notFound("Generation")
        }
        try await engine.delete(task, logger: context.logger)
        return Response(status: .noContent)
    }

    /// Lists that are the upstream's own (concepts, camera motions): relayed as they come from any Luma channel.
    private func relayList(_ request: Request, _ context: GatewayRequestContext, path: String) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context, readOnly: true)
        let candidates = ChannelSelector().order(try await engine.channels.enabled(family: family.name, revision: token.settingsRevision))
        guard !candidates.isEmpty else { throw GatewayError.noChannel(model: "luma") }
        let answer = try await engine.executor.sendWithFailover(channels: candidates, authorizer: family.authorizer, logger: context.logger) { _ in
            .json(.GET, path, body: nil)
        }
        guard answer.response.isSuccess, answer.response.json != nil else { throw LumaFamily.upstreamError(answer.response) }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: answer.response.body))
    }

    /// The caller's remaining quota in US cents, as Luma reports credits.
    private func credits(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticator.authenticate(request, context: context)
        // An unlimited token has no balance to report; it shows a fixed large figure rather than an error.
        let cents = token.spendableMicros.map { Double($0) / 10_000 } ?? 1_000_000_000
        return .json(JSONValue.object(["credit_balance": .number(cents)]).encoded())
    }

    static func replacingFrameID(_ keyframes: JSONValue?, frame: String, with id: String) -> JSONValue {
        guard case .object(var frames)? = keyframes, case .object(var reference)? = frames[frame] else { return keyframes ?? .null }
        reference["id"] = .string(id)
        frames[frame] = .object(reference)
        return .object(frames)
    }
}
