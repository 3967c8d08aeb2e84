import Hummingbird

/// Kling's customer-facing API under `/kling/v1`, as Kling documents it: for every kind of task a create call, the
/// caller's task by `task_id` or by their own `external_task_id`, and a page of the caller's tasks of that kind.
struct KlingRoutes: Sendable {
    let table: TaskRoutes
    let validator: KlingRequestValidator

    func register(on router: Router<GatewayRequestContext>) {
        var operations: [TaskRoutes.Operation] = []
        for kind in KlingTaskKind.allCases {
            operations += [
                .custom(.post, kind.path) { request, context in try await create(kind, request, context) },
                .custom(.get, kind.path + "/:id") { request, context in try await query(kind, request, context) },
                .custom(.get, kind.path) { request, context in try await list(kind, request, context) },
            ]
        }
        table.register(operations, under: "kling/v1", on: router)
    }

    /// A new task; an `external_task_id` the caller already gave another task is refused, as Kling refuses it.
    private func create(_ kind: KlingTaskKind, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context)
        let call = try validator.call(kind, try await RequestBody.jsonObject(request, limit: table.bodyLimit))
        if let external = call.request["external_task_id"]?.stringValue,
            try await table.engine.task(
                family: table.family, actions: KlingTaskKind.allCases.map(\.action), ownedBy: token.id, requestField: "external_task_id",
                equals: external) != nil
        {
            throw GatewayError.validation(field: "external_task_id", "is already used by another of your tasks")
        }
        let task = try await table.submit(call, token: token, context: context)
        return KlingEnvelope.response(data: table.family.render(task))
    }

    /// One task of the caller's of this kind, by its `task_id` or by the `external_task_id` they gave it.
    private func query(_ kind: KlingTaskKind, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let id = try context.parameters.require("id")
        guard let task = try await find(kind, id: id, external: id, ownedBy: token.id) else { throw GatewayError.notFound("Task \(id)") }
        return KlingEnvelope.response(data: table.engine.view(of: task, family: table.family))
    }

    /// `?pageNum=&pageSize=`: a page of the caller's tasks of this kind, newest first. `?external_task_id=` (or
    /// `?task_id=`) answers that one task instead, as the query by id does.
    private func list(_ kind: KlingTaskKind, _ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let query = request.uri.queryParameters
        let taskID = query["task_id"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let external = query["external_task_id"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        if taskID != nil || external != nil {
            guard let task = try await find(kind, id: taskID, external: external, ownedBy: token.id) else {
                throw GatewayError.notFound("Task \(taskID ?? external ?? "")")
            }
            return KlingEnvelope.response(data: table.engine.view(of: task, family: table.family))
        }
        let pageNumber = try RequestInput.integer(query["pageNum"].map(String.init), name: "pageNum", default: 1, range: 1...1_000)
        let pageSize = try RequestInput.integer(query["pageSize"].map(String.init), name: "pageSize", default: 30, range: 1...500)
        let page = try await table.engine.list(
            family: table.family, actions: [kind.action], ownedBy: token.id, limit: pageSize, offset: (pageNumber - 1) * pageSize)
        return KlingEnvelope.response(data: "[" + page.views.joined(separator: ",") + "]")
    }

    /// The caller's task of `kind` with task id `id`, else the one they named `external`.
    private func find(_ kind: KlingTaskKind, id: String?, external: String?, ownedBy tokenID: String) async throws -> TaskRecord? {
        if let id, let task = try await table.engine.task(id: id, family: table.family, actions: [kind.action], ownedBy: tokenID) {
            return task
        }
        guard let external else { return nil }
        return try await table.engine.task(
            family: table.family, actions: [kind.action], ownedBy: tokenID, requestField: "external_task_id", equals: external)
    }
}
