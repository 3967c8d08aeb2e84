import Hummingbird

/// What every OpenAI route does around its own work: count the request, check the Bearer key, read the body,
/// carry out faults (see `EmulatorAPIEndpoint`) and render errors as `{"error":{...}}`.
struct OpenAIEndpoint: Sendable {
    /// The handling shared with the Anthropic family.
    let api: EmulatorAPIEndpoint

    /// Wraps the shared request handling with OpenAI's error shapes.
    init(endpoint: EmulatorEndpoint) {
        api = EmulatorAPIEndpoint(
            endpoint: endpoint,
            serverError: OpenAIError.serverError.response,
            rateLimited: OpenAIError.rateLimited.response)
    }

    /// The instance's shared runtime.
    var runtime: EmulatorRuntime { api.runtime }

    /// Runs one request of `route` (e.g. "POST /v1/chat/completions") through the common steps and `work`.
    func respond(
        _ route: String,
        _ request: Request,
        _ context: EmulatorRequestContext,
        body: EmulatorAPIEndpoint.BodyKind = .json,
        _ work: (EmulatorAPICall) async throws -> Response
    ) async throws -> Response {
        runtime.recordRequest(route)
        do {
            try authenticate(request)
            switch try await api.begin(request, context, body: body) {
            case .answered(let response): return response
            case .proceed(let call): return try await work(call)
            }
        } catch let error as OpenAIError {
            return error.response
        } catch let error as EmulatorHTTPError {
            return OpenAIError(error).response
        }
    }

    /// Rejects a request without an acceptable `Authorization: Bearer` key with 401 `invalid_api_key`.
    private func authenticate(_ request: Request) throws {
        guard api.endpoint.acceptedBearerKey(request) == nil else { return }
        guard let header = request.headers[.authorization], !header.isEmpty else { throw OpenAIError.missingKey }
        let key = header.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        throw key.isEmpty ? OpenAIError.missingKey : OpenAIError.invalidKey(key)
    }
}
