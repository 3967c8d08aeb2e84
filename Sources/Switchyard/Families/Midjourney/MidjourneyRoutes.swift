import Hummingbird

/// Midjourney's customer API, the midjourney-proxy protocol, under `/mj` and again behind each speed prefix
/// (`/mj-fast/mj`, `/mj-relax/mj`, `/mj-turbo/mj`): the prefix is the tier model, which picks the channel group and
/// the price; `/mj` alone takes the configured default tier for new tasks and the parent's tier for buttons.
struct MidjourneyRoutes: Sendable {
    let table: TaskRoutes
    let validator: MidjourneyRequestValidator
    let channels: ChannelStore

    func register(on router: Router<GatewayRequestContext>) {
        register(under: "mj", tier: nil, on: router)
        for tier in validator.settings.tiers { register(under: "\(tier)/mj", tier: tier, on: router) }
    }

    private func register(under group: String, tier: String?, on router: Router<GatewayRequestContext>) {
        let submitted: TaskRoutes.Answer = { MidjourneySubmitResult.submitted($0) }
        table.register(
            [
                .submit("submit/imagine", validate: { body, _ in try validator.imagine(body, tier: tier) }, answer: submitted),
                .submit("submit/blend", validate: { body, _ in try validator.blend(body, tier: tier) }, answer: submitted),
                .submit("submit/describe", validate: { body, _ in try validator.describe(body, tier: tier) }, answer: submitted),
                .submit("submit/shorten", validate: { body, _ in try validator.shorten(body, tier: tier) }, answer: submitted),
                .submit("submit/video", validate: { body, _ in try validator.video(body, tier: tier) }, answer: submitted),
                .submit("submit/edits", validate: { body, _ in try validator.edits(body, tier: tier) }, answer: submitted),
                .submit("insight-face/swap", validate: { body, _ in try validator.swapFace(body, tier: tier) }, answer: submitted),
                .submit(
                    "submit/upload-discord-images", validate: { body, _ in try validator.upload(body, tier: tier) },
                    answer: { task in
                        MidjourneySubmitResult.response(code: 1, description: "Submit success", result: task.result?["urls"] ?? .array([]))
                    }),
                .custom(.post, "submit/action") { request, context in try await action(request, context, tier: tier) },
                .custom(.post, "submit/modal") { request, context in try await modal(request, context) },
                .get("task/:id/fetch", answer: { Response.json($0) }),
                .custom(.post, "task/list-by-condition") { request, context in try await list(request, context) },
                .custom(.get, "task/:id/image-seed") { request, context in try await imageSeed(request, context) },
            ], under: group, on: router)
    }

    /// A button of one of the caller's tasks: another customer's task is not found; the call runs on the channel
    /// that made the parent, in a tier that channel serves.
    private func action(_ request: Request, _ context: GatewayRequestContext, tier: String?) async throws -> Response {
        let token = try await table.authenticate(request, context)
        let body = try await RequestBody.jsonObject(request, limit: table.bodyLimit)
        let parentID = try JSONFieldReader(body).string("taskId", required: true, maxLength: 100) ?? ""
        guard let parent = try await table.engine.task(id: parentID, family: table.family, ownedBy: token.id) else {
            throw GatewayError.notFound("Task \(parentID)")
        }
        let call = try validator.action(body, parent: parent, tier: tier)
        if let channelID = parent.channelID, let channel = try await channels.find(id: channelID), !channel.serves(model: call.model) {
            throw GatewayError.validation(
                field: "taskId", "task \(parent.id) was made in the \(parent.model) tier, whose upstream does not serve \(call.model)")
        }
        return MidjourneySubmitResult.submitted(try await table.submit(call, token: token, context: context))
    }

    /// The rest of a task that answered code 21 (status `MODAL`): its prompt or mask go to the upstream that holds
    /// it, and the same task carries on (already held; nothing more is charged).
    private func modal(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context)
        let fields = JSONFieldReader(try await RequestBody.jsonObject(request, limit: table.bodyLimit))
        let taskID = try fields.string("taskId", required: true, maxLength: 100) ?? ""
        var upstream = try validator.modal(fields)
        guard let task = try await table.engine.task(id: taskID, family: table.family, ownedBy: token.id) else {
            throw GatewayError.notFound("Task \(taskID)")
        }
        guard task.state == .queued, task.upstreamStatus == "MODAL" else {
            throw GatewayError.validation(field: "taskId", "task \(task.id) is not waiting for a modal")
        }
        upstream["taskId"] = .string(task.upstreamID ?? "")
        guard
            let answer = try await table.engine.askChannel(
                of: task, family: table.family, request: .json(.POST, "/mj/submit/modal", body: .object(upstream)), logger: context.logger)
        else { throw GatewayError.noChannel(model: task.model) }
        guard answer.isSuccess else { throw MidjourneyFamily.upstreamError(answer) }
        guard let code = answer.json?["code"]?.intValue else { throw GatewayError.upstreamMalformed }
        let description = String((answer.json?["description"]?.stringValue ?? "").prefix(300))
        let properties = MidjourneySubmitResult.safe(answer.json?["properties"])
        guard MidjourneySubmitResult.acceptedCodes.contains(code) else {
            return MidjourneySubmitResult.response(code: code, description: description, result: .null, properties: properties)
        }
        try await table.engine.pollSoon(task)
        return MidjourneySubmitResult.response(code: code, description: description, result: .string(task.id), properties: properties)
    }

    /// `{"ids": [...]}` → the caller's tasks among them, as an array; others' and unknown ids are left out.
    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let body = try await RequestBody.jsonObject(request, limit: table.bodyLimit)
        guard let value = body["ids"], value != .null else { return .json("[]") }
        guard case .array(let ids) = value, ids.count <= 100 else {
            throw GatewayError.validation(field: "ids", "must be a list of at most 100 task ids")
        }
        var views: [String] = []
        for id in ids {
            guard let id = id.stringValue else { throw GatewayError.validation(field: "ids", "must contain task ids") }
            if let view = try await table.view(of: id, token: token) { views.append(view) }
        }
        return .json("[" + views.joined(separator: ",") + "]")
    }

    /// The seed of a finished image, asked of the upstream that made it: `{"code":1,"description","result":"<seed>"}`.
    private func imageSeed(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let id = try context.parameters.require("id")
        guard let task = try await table.engine.task(id: id, family: table.family, ownedBy: token.id) else {
            throw GatewayError.notFound("Task \(id)")
        }
        guard task.state == .succeeded, let upstreamID = task.upstreamID else {
            throw GatewayError.validation(field: "id", "task \(id) has no finished image")
        }
        let path = "/mj/task/\(RequestInput.pathSegment(upstreamID))/image-seed"
        guard
            let answer = try await table.engine.askChannel(
                of: task, family: table.family, request: .json(.GET, path, body: nil), logger: context.logger)
        else { throw GatewayError.noChannel(model: task.model) }
        guard answer.isSuccess else { throw MidjourneyFamily.upstreamError(answer) }
        guard let code = answer.json?["code"]?.intValue else { throw GatewayError.upstreamMalformed }
        let seed = answer.json?["result"]?.stringValue.map { String($0.prefix(100)) }
        let description = String((answer.json?["description"]?.stringValue ?? "").prefix(300))
        return MidjourneySubmitResult.response(code: code, description: description, result: seed.map(JSONValue.string) ?? .null)
    }
}
