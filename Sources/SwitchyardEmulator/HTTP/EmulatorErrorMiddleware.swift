import Hummingbird

/// Renders errors that escape the routes (unknown paths, oversized bodies) as `{"detail": ...}` JSON, the shape
/// every emulated upstream uses, instead of Hummingbird's empty bodies.
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
        } catch let error as HTTPError {
            // FastAPI, which the upstreams run on, says "Not Found" for unknown paths.
            let detail = error.body ?? (error.status == .notFound ? "Not Found" : error.status.reasonPhrase)
            return EmulatorHTTPError(status: error.status, detail: detail).response
        }
    }
}
