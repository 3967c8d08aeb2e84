import Hummingbird

/// Renders errors that escape the routes (unknown paths, oversized bodies) as JSON instead of Hummingbird's empty
/// bodies: `{"detail": ...}` (the shape of the Luma and Suno upstreams), or under `/v1/` the error shape of
/// Anthropic (requests carrying `x-api-key` or `anthropic-version`) or OpenAI.
struct EmulatorErrorMiddleware: RouterMiddleware {
    /// The emulator's request context.
    typealias Context = EmulatorRequestContext

    /// Passes the request on and converts an `HTTPError` into a JSON error answer.
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where request.uri.path.hasPrefix(OpenAIEmulatorRoutes.basePath + "/") {
            if AnthropicEndpoint.claims(request) {
                let type = error.status == .notFound ? "not_found_error" : "invalid_request_error"
                return AnthropicError(status: error.status, type: type, message: error.body ?? "Not Found").response
            }
            let message = error.body ?? "Invalid URL (\(request.method) \(request.uri.path))"
            return OpenAIError(status: error.status, message: message).response
        } catch let error as HTTPError {
            // FastAPI, which the upstreams run on, says "Not Found" for unknown paths.
            let detail = error.body ?? (error.status == .notFound ? "Not Found" : error.status.reasonPhrase)
            return EmulatorHTTPError(status: error.status, detail: detail).response
        }
    }
}
