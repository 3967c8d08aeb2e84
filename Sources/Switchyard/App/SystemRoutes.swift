import Hummingbird
import SQLKit

/// Operational endpoints: liveness with a store check, Prometheus metrics, and the OpenAPI document.
struct SystemRoutes: Sendable {
    let database: Database
    let metrics: GatewayMetrics
    /// Read at each scrape for the gauges of reserved and unwritten money.
    let spend: SpendBuffer

    func register(on router: Router<GatewayRequestContext>) {
        router.get("health") { _, _ in
            _ = try await database.read.raw("SELECT 1 AS ok").first()
            return Response.json(#"{"status":"ok"}"#)
        }
        router.get("metrics") { _, _ in
            let outstanding = spend.outstanding()
            metrics.outstanding(reservedMicros: outstanding.reserved, unwrittenMicros: outstanding.unwritten)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: .init(string: metrics.render())))
        }
        router.get("openapi.json") { _, _ in Response.json(OpenAPIDocument.json) }
    }
}
