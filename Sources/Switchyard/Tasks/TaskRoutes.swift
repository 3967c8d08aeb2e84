import HTTPTypes
import Hummingbird

/// A task family's customer routes, declared as a table of operations. The core does what every family's routes
/// used to write by hand — authenticate (queries may use a recent read of the key, spending calls read it fresh),
/// read and bound the body, resolve references to earlier artifacts, submit, find the caller's task or answer 404,
/// delete — and the family gives only its validation and the shape of its answers.
public struct TaskRoutes: Sendable {
    /// The family's answer to a call that submitted `task`.
    public typealias Answer = @Sendable (TaskRecord) throws -> Response

    public enum Operation: Sendable {
        /// `POST path`: the JSON body (and the path's parameters) validated into a call, which is submitted.
        case submit(_ path: String, validate: @Sendable (JSONObject, Parameters) throws -> TaskCall, answer: Answer)
        /// `POST path` with a `multipart/form-data` body (uploads): the form validated into a call, which is submitted.
        /// The family keeps the form in the call's upstream body (`FormUpload.stored`) to send it again upstream.
        case submitForm(_ path: String, validate: @Sendable (FormUpload, Parameters) throws -> TaskCall, answer: Answer)
        /// `GET path`: the caller's task named by the path's `id`, as its family renders it; 404 for anyone else.
        case get(_ path: String, answer: @Sendable (String) -> Response)
        /// `GET path?limit=&offset=`: one page of the caller's tasks of the family, newest first, as rendered.
        case list(_ path: String, answer: @Sendable (TaskPage) -> Response)
        /// `DELETE path`: the caller's task named by the path's `id` (a live one is cancelled and refunded).
        case delete(_ path: String, answer: @Sendable () -> Response)
        /// A route of the family's own shape; it uses the table's helpers (`authenticate`, `submit`, `view`).
        case custom(HTTPRequest.Method, _ path: String, @Sendable (Request, GatewayRequestContext) async throws -> Response)
    }

    public let engine: TaskEngine
    public let authenticator: CustomerAuthenticator
    public let family: any TaskFamily
    public let bodyLimit: Int
    /// What a missing task is called in 404s ("Generation", "Task").
    let notFound: String
    /// A family's checks once a call's references are known (the model rules of the artifacts it names).
    let afterResolving: @Sendable (inout TaskCall, [Artifact]) throws -> Void
    /// Headers besides `Authorization: Bearer` that carry the customer's key (Midjourney's `mj-api-secret`).
    let keyHeaders: [HTTPField.Name]

    public init(
        engine: TaskEngine, authenticator: CustomerAuthenticator, family: any TaskFamily, bodyLimit: Int, notFound: String = "Task",
        afterResolving: @escaping @Sendable (inout TaskCall, [Artifact]) throws -> Void = { _, _ in }, keyHeaders: [HTTPField.Name] = []
    ) {
        self.engine = engine
        self.authenticator = authenticator
        self.family = family
        self.bodyLimit = bodyLimit
        self.notFound = notFound
        self.afterResolving = afterResolving
        self.keyHeaders = keyHeaders
    }

    /// Registers `operations` under `group` (`dream-machine/v1`, `suno`).
    public func register(_ operations: [Operation], under group: String, on router: Router<GatewayRequestContext>) {
        let routes = router.group(RouterPath(group))
        for operation in operations {
            switch operation {
            case .submit(let path, let validate, let answer):
                routes.post(RouterPath(path)) { request, context in
                    let token = try await authenticate(request, context)
                    let call = try validate(try await RequestBody.jsonObject(request, limit: bodyLimit), context.parameters)
                    return try answer(try await submit(call, token: token, context: context))
                }
            case .submitForm(let path, let validate, let answer):
                routes.post(RouterPath(path)) { request, context in
                    let token = try await authenticate(request, context)
                    let body = try await RequestBody.collect(request, limit: bodyLimit)
                    let form = try FormUpload.parse(Array(body.readableBytesView), contentType: request.headers[.contentType])
                    return try answer(try await submit(try validate(form, context.parameters), token: token, context: context))
                }
            case .get(let path, let answer):
                routes.get(RouterPath(path)) { request, context in
                    let token = try await authenticate(request, context, readOnly: true)
                    guard let view = try await view(of: try context.parameters.require("id"), token: token) else {
                        throw GatewayError.notFound(notFound)
                    }
                    return answer(view)
                }
            case .list(let path, let answer):
                routes.get(RouterPath(path)) { request, context in
                    let token = try await authenticate(request, context, readOnly: true)
                    let query = request.uri.queryParameters
                    let limit = try RequestInput.integer(query["limit"].map(String.init), name: "limit", default: 10, range: 1...1000)
                    let offset = try RequestInput.integer(query["offset"].map(String.init), name: "offset", default: 0, range: 0...Int(Int32.max))
                    let page = try await engine.list(family: family, ownedBy: token.id, limit: limit, offset: offset)
                    return answer(TaskPage(views: page.views, total: page.total, limit: limit, offset: offset))
                }
            case .delete(let path, let answer):
                routes.delete(RouterPath(path)) { request, context in
                    let token = try await authenticate(request, context)
                    let id = try context.parameters.require("id")
                    guard try await engine.delete(id: id, family: family, ownedBy: token.id, logger: context.logger) else {
                        throw GatewayError.notFound(notFound)
                    }
                    return answer()
                }
            case .custom(let method, let path, let handler):
                routes.on(RouterPath(path), method: method) { request, context in try await handler(request, context) }
            }
        }
    }

    /// The caller's key (from memory while the store says it has not changed).
    public func authenticate(_ request: Request, _ context: GatewayRequestContext, readOnly: Bool = false) async throws -> Token {
        try await authenticator.authenticate(request, context: context, extraHeaders: keyHeaders, readOnly: readOnly)
    }

    /// The caller's key with its balance as the store has it now, for answers that report the balance.
    public func authenticateWithBalance(_ request: Request, _ context: GatewayRequestContext) async throws -> Token {
        try await authenticator.current(authenticate(request, context))
    }

    /// Resolves the call's references (owner, channel, upstream ids), applies the family's checks and submits it.
    public func submit(_ validated: TaskCall, token: Token, context: GatewayRequestContext) async throws -> TaskRecord {
        var call = validated
        let sources = try await engine.resolveReferences(&call, ownedBy: token.id)
        try afterResolving(&call, sources)
        return try await engine.submit(
            call, family: family,
            // The key was read before the body arrived; a slow upload may outlast what the spend buffer remembers.
            token: try await authenticator.fresh(token), logger: context.logger)
    }

    /// The caller's task `id` as its family renders it; nil when it is not theirs.
    public func view(of id: String, token: Token) async throws -> String? {
        try await engine.view(id: id, family: family, ownedBy: token.id)
    }
}

/// One page of a customer's tasks: their stored views (JSON), how many there are in all, and the page asked for.
public struct TaskPage: Sendable {
    public let views: [String]
    public let total: Int
    public let limit: Int
    public let offset: Int

    /// Whether tasks follow this page.
    public var hasMore: Bool { offset + views.count < total }
}
