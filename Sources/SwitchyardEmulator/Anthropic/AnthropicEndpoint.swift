import Foundation
import HTTPTypes
import Hummingbird

/// What every Anthropic route does around its own work: count the request, check the key and the
/// `anthropic-version` header, read the body, carry out faults (see `EmulatorAPIEndpoint`) and render errors as
/// `{"type":"error","error":{...}}`.
struct AnthropicEndpoint: Sendable {
    /// The handling shared with the OpenAI family.
    let api: EmulatorAPIEndpoint

    /// The key header of the Anthropic API.
    // The literals are valid tokens, so the failable initializer cannot fail.
    static let keyHeader = HTTPField.Name("x-api-key")!
    /// The header naming the API version; every request must carry it.
    static let versionHeader = HTTPField.Name("anthropic-version")!

    /// Wraps the shared request handling with Anthropic's error shapes.
    init(endpoint: EmulatorEndpoint) {
        api = EmulatorAPIEndpoint(
            endpoint: endpoint,
            serverError: AnthropicError.serverError.response,
            rateLimited: AnthropicError.rateLimited.response)
    }

    /// The instance's shared runtime.
    var runtime: EmulatorRuntime { api.runtime }

    /// True when a request on a path both APIs serve (`/v1/models`) is meant for Anthropic: it carries
    /// `x-api-key` or `anthropic-version`.
    static func claims(_ request: Request) -> Bool {
        request.headers[keyHeader] != nil || request.headers[versionHeader] != nil
    }

    /// Runs one request of `route` (e.g. "POST /v1/messages") through the common steps and `work`.
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
            guard request.headers[Self.versionHeader]?.isEmpty == false else { throw AnthropicError.missingVersion }
            switch try await api.begin(request, context, body: body) {
            case .answered(let response): return response
            case .proceed(let call): return try await work(call)
            }
        } catch let error as AnthropicError {
            return error.response
        } catch let error as EmulatorHTTPError {
            return AnthropicError(error).response
        }
    }

    /// Rejects a request without an acceptable key (`x-api-key`, or a Bearer key) with 401
    /// `authentication_error`.
    private func authenticate(_ request: Request) throws {
        let key = request.headers[Self.keyHeader]?.trimmingCharacters(in: .whitespaces)
        if let key, !key.isEmpty {
            if let accepted = runtime.configuration.acceptedKeys, !accepted.contains(key) {
                throw AnthropicError.invalidKey
            }
            return
        }
        if api.endpoint.acceptedBearerKey(request) != nil { return }
        throw request.headers[.authorization] == nil ? AnthropicError.missingKey : AnthropicError.invalidKey
    }
}
