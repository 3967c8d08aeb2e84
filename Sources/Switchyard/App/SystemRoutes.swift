import Hummingbird
import SQLKit

/// Operational endpoints: liveness with a store check, Prometheus metrics, and the OpenAPI document.
struct SystemRoutes: Sendable {
    let database: Database
    let metrics: GatewayMetrics

    func register(on router: Router<GatewayRequestContext>) {
        router.get("health") { _, _ in
            _ = try await database.read.raw("SELECT 1 AS ok").first()
            return Response.json(#"{"status":"ok"}"#)
        }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: .init(string: metrics.render())))
        }
        router.get("openapi.json") { _, _ in Response.json(OpenAPIDocument.json) }
    }
}
