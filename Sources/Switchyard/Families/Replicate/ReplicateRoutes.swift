import Foundation
import HTTPTypes
import Hummingbird

/// Replicate's customer-facing API under `/replicate/v1`, as the `replicate` SDK calls it with its base URL set to
/// `<gateway>/replicate`. Keys come as `Bearer` or, from older clients, `Token`.
struct ReplicateRoutes: Sendable {
    let table: TaskRoutes
    let validator: ReplicateRequestValidator
    /// The webhook signing key of a customer key (`GET /webhooks/default/secret`).
    let webhookSecret: @Sendable (Token) async throws -> String

    /// Predictions listed per page, as Replicate pages them.
    static let pageSize = 100

    func register(on router: Router<GatewayRequestContext>) {
        table.register(
            [
                .custom(.post, "predictions") { request, context in
                    try await create(request, context) { body, base, _ in try validator.byVersion(body, baseURL: base) }
                },
                .custom(.post, "models/:owner/:name/predictions") { request, context in
                    try await create(request, context) { body, base, parameters in
                        try validator.byPath(
                            body, owner: try parameters.require("owner"), name: try parameters.require("name"), deployment: false, baseURL: base)
                    }
                },
                .custom(.post, "deployments/:owner/:name/predictions") { request, context in
                    try await create(request, context) { body, base, parameters in
                        try validator.byPath(
                            body, owner: try parameters.require("owner"), name: try parameters.require("name"), deployment: true, baseURL: base)
                    }
                },
                .custom(.get, "predictions/:id") { request, context in
                    let token = try await authenticate(request, context, readOnly: true)
                    guard let view = try await table.view(of: try context.parameters.require("id"), token: token) else {
                        throw GatewayError.notFound("Prediction")
                    }
                    return .json(view)
                },
                .custom(.get, "predictions") { request, context in try await list(request, context) },
                .custom(.post, "predictions/:id/cancel") { request, context in try await cancel(request, context) },
                .custom(.get, "models/:owner/:name") { request, context in try await metadata(request, context, suffix: "") },
                .custom(.get, "models/:owner/:name/versions") { request, context in try await metadata(request, context, suffix: "/versions") },
                .custom(.get, "models/:owner/:name/versions/:version") { request, context in
                    try await metadata(request, context, suffix: "/versions/", version: try context.parameters.require("version"))
                },
                .custom(.get, "webhooks/default/secret") { request, context in
                    let token = try await authenticate(request, context, readOnly: true)
                    return .json(JSONValue.object(["key": .string(try await webhookSecret(token))]).encoded())
                },
            ], under: "replicate/v1", on: router)
    }

    /// The caller's key, from `Authorization: Bearer <key>` or `Authorization: Token <key>`.
    private func authenticate(_ request: Request, _ context: GatewayRequestContext, readOnly: Bool = false) async throws -> Token {
        guard let authorization = request.headers[.authorization], authorization.count > 6, authorization.prefix(6).lowercased() == "token " else {
            return try await table.authenticate(request, context, readOnly: readOnly)
        }
        var head = request.head
        head.headerFields[.authorization] = "Bearer " + authorization.dropFirst(6)
        return try await table.authenticate(Request(head: head, body: request.body), context, readOnly: readOnly)
    }

    /// A create: validated, submitted, and with `Prefer: wait` held until the prediction ends or the asked seconds
    /// pass (waiting on the engine's notice that the task ended, not polling); answered 201 as it then stands.
    private func create(
        _ request: Request, _ context: GatewayRequestContext, validate: (JSONObject, String, Parameters) throws -> TaskCall
    ) async throws -> Response {
        let token = try await authenticate(request, context)
        let wait = try ReplicatePreferWait.seconds(in: request.headers[values: HTTPField.Name("Prefer")!])
        let body = try await RequestBody.jsonObject(request, limit: table.bodyLimit)
        let call = try validate(body, Self.baseURL(of: request), context.parameters)
        var task = try await table.submit(call, token: token, context: context)
        if let wait, task.state.isLive,
            let ended = try await table.engine.waitForEnd(id: task.id, ownedBy: token.id, timeoutMillis: Int64(wait) * 1000)
        {
            task = ended
        }
        return .json(task.view ?? table.family.render(task), status: .created)
    }

    /// `GET /predictions`: the caller's predictions, newest first, a page of 100 with `next` and `previous` cursors
    /// as absolute URLs (the SDK follows them as given).
    private func list(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticate(request, context, readOnly: true)
        let offset = try ReplicateCursor.offset(request.uri.queryParameters["cursor"].map(String.init))
        let page = try await table.engine.list(family: table.family, ownedBy: token.id, limit: Self.pageSize, offset: offset)
        let listURL = Self.baseURL(of: request) + "/predictions"
        let next =
            offset + page.views.count < page.total ? JSONValue.string(listURL + "?cursor=" + ReplicateCursor.cursor(offset + Self.pageSize)) : .null
        let previous = offset > 0 ? JSONValue.string(listURL + "?cursor=" + ReplicateCursor.cursor(max(0, offset - Self.pageSize))) : .null
        return .json(
            #"{"next":\#(next.encoded()),"previous":\#(previous.encoded()),"results":["# + page.views.joined(separator: ",") + "]}")
    }

    /// `POST /predictions/{id}/cancel`: stops a live prediction upstream and refunds it once; a finished one is
    /// answered as it is, its charge settled.
    private func cancel(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let token = try await authenticate(request, context)
        let id = try context.parameters.require("id")
        guard let task = try await table.engine.store.find(id: id, ownedBy: token.id), task.family == table.family.name else {
            throw GatewayError.notFound("Prediction")
        }
        // A finished prediction is answered as it ended, without asking the upstream.
        guard task.state.isLive else { return .json(task.view ?? table.family.render(task)) }
        let ended = try await table.engine.cancel(task, family: table.family, reason: ReplicateFamily.canceledReason, logger: context.logger)
        return .json(ended.view ?? table.family.render(ended))
    }

    /// Model and version metadata, relayed from any Replicate channel as the upstream has it (Switchyard keeps no
    /// catalog of its own); `urls` inside point at the upstream's site, as Replicate's do.
    private func metadata(_ request: Request, _ context: GatewayRequestContext, suffix: String, version: String = "") async throws -> Response {
        let token = try await authenticate(request, context, readOnly: true)
        let owner = try context.parameters.require("owner")
        let name = try context.parameters.require("name")
        guard ReplicateRequestValidator.isName(owner), ReplicateRequestValidator.isName(name) else { throw GatewayError.notFound("Model") }
        guard version.isEmpty || ReplicateRequestValidator.isName(version) else { throw GatewayError.notFound("Version") }
        let asked = try await table.engine.askAnyChannel(
            family: table.family, revision: token.settingsRevision,
            request: .json(.GET, "/v1/models/\(owner)/\(name)\(suffix)\(version)", body: nil), logger: context.logger)
        guard let response = asked else { throw GatewayError.noChannel(model: "\(owner)/\(name)") }
        if response.status == 404 { throw GatewayError.notFound(version.isEmpty ? "Model" : "Version") }
        guard response.isSuccess, response.json?.objectValue != nil else { throw ReplicateFamily.upstreamError(response) }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: response.body))
    }

    /// The gateway's own URL of this API as the caller reached it (`http://host:port/replicate/v1`), for the `urls`
    /// of predictions and the list's cursors.
    static func baseURL(of request: Request) -> String {
        let scheme = request.headers[HTTPField.Name("X-Forwarded-Proto")!].flatMap { $0 == "https" ? "https" : nil } ?? "http"
        let host = request.head.authority ?? "localhost"
        return "\(scheme)://\(host)/replicate/v1"
    }
}
