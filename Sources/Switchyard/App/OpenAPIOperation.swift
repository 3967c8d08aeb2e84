/// One documented route of the OpenAPI document: its method and path, the family whose keys and error shape it
/// uses, what it takes and what it answers when it succeeds. Every error is documented as `4XX` in the family's shape.
struct OpenAPIOperation: Sendable {
    enum Method: String, Sendable {
        case get, post, put, delete
    }

    /// A query parameter (path parameters are read from the path's `{name}` segments).
    struct Query: Sendable {
        let name: String
        let schema: JSONValue
        var required = false
    }

    /// What the route reads from the request body.
    enum Body: Sendable {
        case json(JSONValue)
        case multipart(JSONValue)
    }

    /// What a successful call answers: a status and, unless it is empty, its media types with one schema each.
    struct Answer: Sendable {
        let status: Int
        let content: [(mediaType: String, schema: JSONValue)]

        static func json(_ schema: JSONValue = OpenAPISchema.anyObject, status: Int = 200) -> Answer {
            Answer(status: status, content: [("application/json", schema)])
        }

        /// A JSON answer, or server-sent events when the body asks for `"stream": true` (each event is checked as
        /// an object of its fields: `event`, `data`, `id`).
        static let jsonOrEventStream = Answer(
            status: 200,
            content: [
                ("application/json", OpenAPISchema.anyObject),
                ("text/event-stream", OpenAPISchema.object(["event": OpenAPISchema.string(), "data": OpenAPISchema.string()])),
            ])

        static func media(_ types: [String], status: Int = 200) -> Answer {
            Answer(status: status, content: types.map { ($0, OpenAPISchema.string(format: "binary")) })
        }

        static let noContent = Answer(status: 204, content: [])
    }

    let method: Method
    let path: String
    let family: OpenAPIGroup
    let summary: String
    var query: [Query] = []
    /// Header parameters a family requires besides the key (Runway's `X-Runway-Version`).
    var headers: [Query] = []
    var body: Body?
    var answer: Answer = .json()
    /// False for the few routes that take no key (`/health`, Luma's `ping`).
    var needsKey = true
    /// True where Anthropic's clients call a route of another family with their `x-api-key` (`/v1/models`).
    var acceptsAPIKeyHeader = false

    /// The names of the `{name}` segments of the path.
    var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    /// A stable id made of the method and path: `post_v1_chat_completions`.
    var operationID: String {
        let words = path.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return ([method.rawValue] + words).joined(separator: "_")
    }

    /// Which keys the route takes, as OpenAPI security requirements (any one of them).
    var security: JSONValue {
        guard needsKey else { return .array([]) }
        guard acceptsAPIKeyHeader else { return family.security }
        return .array([.object(["bearer": .array([])]), .object(["apiKey": .array([])])])
    }

    /// The OpenAPI operation object.
    func rendered(pathParameterSchemas: [String: JSONValue]) -> JSONValue {
        var parameters: [JSONValue] = pathParameters.map { name in
            .object([
                "name": .string(name), "in": "path", "required": true,
                "schema": pathParameterSchemas[name] ?? OpenAPISchema.string(minLength: 1, maxLength: 100),
            ])
        }
        parameters += query.map { .object(["name": .string($0.name), "in": "query", "required": .bool($0.required), "schema": $0.schema]) }
        parameters += headers.map { .object(["name": .string($0.name), "in": "header", "required": .bool($0.required), "schema": $0.schema]) }
        var operation: JSONObject = [
            "operationId": .string(operationID), "summary": .string(summary), "tags": .array([.string(family.tag)]),
            "security": security,
        ]
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        switch body {
        case .json(let schema):
            operation["requestBody"] = .object(["required": true, "content": .object(["application/json": .object(["schema": schema])])])
        case .multipart(let schema):
            operation["requestBody"] = .object(["required": true, "content": .object(["multipart/form-data": .object(["schema": schema])])])
        case nil:
            break
        }
        var success: JSONObject = ["description": "Success"]
        if !answer.content.isEmpty {
            success["content"] = .object(JSONObject(answer.content.map { ($0.mediaType, .object(["schema": $0.schema])) }))
        }
        let failure: JSONValue = .object([
            "description": .string("The request was refused, in the \(family.tag) error shape"),
            "content": .object(["application/json": .object(["schema": OpenAPISchema.ref(family.errorSchema)])]),
        ])
        operation["responses"] = .object(JSONObject([(String(answer.status), .object(success)), ("4XX", failure)]))
        return .object(operation)
    }
}
