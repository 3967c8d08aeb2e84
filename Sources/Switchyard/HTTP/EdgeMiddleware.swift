import Hummingbird
import HTTPTypes
import NIOCore

extension HTTPField.Name {
    static let requestID = Self("x-request-id")!
}

/// The outermost middleware: names the request id on every response, renders every error in the dialect of the
/// family the path belongs to, and counts requests.
struct EdgeMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let dialects: ErrorDialectRegistry
    let metrics: GatewayMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let gatewayError = Self.gatewayError(from: error)
            // A client that hung up is not the gateway's failure.
            if gatewayError.code == .internalError, !(error is IOError), !(error is ChannelError) {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            let dialect = dialects.dialect(forPath: request.uri.path, headers: request.headers)
            let status = dialect.status(for: gatewayError)
            response = Response(
                status: status, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: dialect.body(for: gatewayError))))
            // A rate limit says when to come back; running out of quota does not (waiting will not help).
            if status == .tooManyRequests, gatewayError.code == .rateLimited {
                response.headers[.retryAfter] = String(gatewayError.retryAfterSeconds ?? 1)
            }
        }
        response.headers[.requestID] = context.requestID
        metrics.request(family: FamilyModules.metricsLabel(forPath: request.uri.path), status: Int(response.status.code))
        return response
    }

    static func gatewayError(from error: any Error) -> GatewayError {
        switch error {
        case let error as GatewayError:
            return error
        case let error as HTTPError:
            switch error.status {
            case .notFound: return .notFound("Route")
            case .methodNotAllowed: return GatewayError(.invalidRequest, .methodNotAllowed, "Method not allowed")
            case .contentTooLarge: return GatewayError(.payloadTooLarge, .contentTooLarge, "Request body too large")
            default: return GatewayError(.invalidRequest, error.status, error.body ?? "Bad request")
            }
        default:
            return .internalError()
        }
    }
}
