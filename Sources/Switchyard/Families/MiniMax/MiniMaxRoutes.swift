import Hummingbird

/// MiniMax's customer-facing API under `/minimax/v1`, in MiniMax's shapes with Switchyard's ids.
struct MiniMaxRoutes: Sendable {
    let table: TaskRoutes
    let validator: MiniMaxRequestValidator

    func register(on router: Router<GatewayRequestContext>) {
        table.register(
            [
                .submit("video_generation", validate: { body, _ in try validator.call(body) }, answer: { task in Self.created(task) }),
                .custom(.get, "query/video_generation") { request, context in try await query(request, context) },
                .custom(.get, "files/retrieve") { request, context in try await retrieve(request, context) },
            ], under: "minimax/v1", on: router)
    }

    /// `{"task_id","base_resp":{"status_code":0,"status_msg":"success"}}` with Switchyard's id.
    private static func created(_ task: TaskRecord) -> Response {
        var object = MiniMaxFamily.success.objectValue ?? [:]
        object["task_id"] = .string(task.id)
        return .json(JSONValue.object(object).encoded())
    }

    /// The caller's task; any other id is MiniMax's invalid-parameter answer (404).
    private func query(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let id = try Self.required("task_id", request)
        guard let view = try await table.view(of: id, token: token) else { throw GatewayError.notFound("task_id \(id)") }
        return .json(view)
    }

    /// The caller's file, with the gateway's download URL; another customer's file is not found.
    private func retrieve(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await table.authenticate(request, context, readOnly: true)
        let id = try Self.required("file_id", request)
        guard let source = try await table.engine.source(of: id, kind: MiniMaxFamily.fileKind, ownedBy: token.id),
            let file = source.artifact.payload
        else { throw GatewayError.notFound("file_id \(id)") }
        var object = MiniMaxFamily.success.objectValue ?? [:]
        object["file"] = file
        return .json(JSONValue.object(object).encoded())
    }

    private static func required(_ name: String, _ request: Request) throws -> String {
        guard let value = request.uri.queryParameters[Substring(name)].map(String.init), !value.isEmpty, value.count <= 200 else {
            throw GatewayError.validation(field: name, "is required")
        }
        return value
    }
}
