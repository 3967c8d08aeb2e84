import Hummingbird

/// The Anthropic API on the same port as OpenAI: `POST /v1/messages`, `POST /v1/messages/count_tokens`, and the
/// model reads for requests that carry `x-api-key` or `anthropic-version` (registered by `EmulatorModelRoutes`).
///
/// Request counters are keyed by method and full path template, e.g. "POST /v1/messages".
struct AnthropicEmulatorRoutes: Sendable {
    /// Common Anthropic request handling (counting, key, version header, faults, errors).
    let endpoint: AnthropicEndpoint

    /// Adds the message routes to `router`.
    func register(on router: Router<EmulatorRequestContext>) {
        router.post("/v1/messages") { request, context in
            try await endpoint.respond("POST /v1/messages", request, context, body: .streamableJSON) { call in
                let messages = try AnthropicMessagesRequest(call.fields())
                return try await call.answer(keywordText: messages.conversation.lastUserText) { stream in
                    let answer = AnthropicMessageAnswer(messages)
                    return call.streams
                        ? AnthropicMessageStream.response(answer, stream: stream)
                        : EmulatorResponse.json(answer.json(done: true))
                }
            }
        }
        router.post("/v1/messages/count_tokens") { request, context in
            try await endpoint.respond("POST /v1/messages/count_tokens", request, context) { call in
                let messages = try AnthropicMessagesRequest(call.fields(), countingOnly: true)
                return try await call.answer(keywordText: messages.conversation.lastUserText) { _ in
                    EmulatorResponse.json(.object([("input_tokens", .int(messages.conversation.inputTokens))]))
                }
            }
        }
    }

    /// `GET /v1/models?limit=&after_id=&before_id=`.
    func listModels(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        try await endpoint.respond("GET /v1/models", request, context, body: .none) { _ in
            let query = request.uri.queryParameters
            var limit = 20
            if let raw = query["limit"] {
                guard let value = Int(String(raw)), (1...1000).contains(value) else {
                    throw AnthropicError.invalidRequest("limit: Input should be between 1 and 1000")
                }
                limit = value
            }
            let page = AnthropicCatalog.page(
                limit: limit, afterID: query["after_id"].map(String.init), beforeID: query["before_id"].map(String.init)
            )
            return EmulatorResponse.json(page)
        }
    }

    /// `GET /v1/models/{id}`: 404 `not_found_error` for an unknown id.
    func retrieveModel(_ request: Request, _ context: EmulatorRequestContext) async throws -> Response {
        try await endpoint.respond("GET /v1/models/{id}", request, context, body: .none) { _ in
            let id = context.parameters.get("id") ?? ""
            guard let model = AnthropicCatalog.modelObject(id) else { throw AnthropicError.notFound("model: \(id)") }
            return EmulatorResponse.raw(model, status: .ok)
        }
    }
}
