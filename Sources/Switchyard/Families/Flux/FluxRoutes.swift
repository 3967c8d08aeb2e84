import Hummingbird

/// Flux's customer-facing API under `/flux/v1`, as Black Forest Labs' own: a create per model, and get_result.
struct FluxRoutes: Sendable {
    let table: TaskRoutes
    let validator: FluxRequestValidator
    /// The operator's `server.public_url`, which polling URLs start with when set.
    let publicURL: String?

    func register(on router: Router<GatewayRequestContext>) {
        table.register(
            [
                .custom(.get, "get_result") { request, context in try await result(request, context) },
                .custom(.post, ":model") { request, context in try await create(request, context) },
            ], under: "flux/v1", on: router)
    }

    /// `200 {"id","polling_url"}`: Switchyard's id, and where this gateway answers for it.
    private func create(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context)
        let model = try context.parameters.require("model")
        let call = try validator.call(model: model, try await RequestBody.jsonObject(request, limit: table.bodyLimit))
        let task = try await table.submit(call, token: token, context: context)
        let polling = FluxPollingURL.of(taskID: task.id, publicURL: publicURL, request: request)
        return .json(JSONValue.object(["id": .string(task.id), "polling_url": .string(polling)]).encoded())
    }

    /// The caller's task as BFL's get_result object; an id that is not theirs gets BFL's `Task not found` (404).
    private func result(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        guard let id = request.uri.queryParameters["id"].map(String.init), !id.isEmpty else {
            throw GatewayError.validation(field: "query.id", "Field required")
        }
        guard let view = try await table.view(of: id, token: token) else {
            return .json(FluxFamily.notFoundBody(id: id), status: .notFound)
        }
        return .json(view)
    }
}
