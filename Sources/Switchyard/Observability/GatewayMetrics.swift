import Prometheus

/// The gateway's own metrics, exposed in Prometheus text format at `/metrics`.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    func upstreamCall(family: String, outcome: String, duration: Duration) {
        registry.makeCounter(name: "switchyard_upstream_requests_total", labels: [("family", family), ("outcome", outcome)]).increment()
        registry.makeDurationHistogram(
            name: "switchyard_upstream_duration_seconds", labels: [("family", family)],
            buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10), .seconds(30)]
        ).record(duration)
    }

    func failover(family: String) {
        registry.makeCounter(name: "switchyard_failovers_total", labels: [("family", family)]).increment()
    }

    func request(family: String, status: Int) {
        registry.makeCounter(name: "switchyard_requests_total", labels: [("family", family), ("status", String(status))]).increment()
    }

    func taskTransition(family: String, state: String) {
        registry.makeCounter(name: "switchyard_task_transitions_total", labels: [("family", family), ("state", state)]).increment()
    }

    func callbackDelivery(outcome: String) {
        registry.makeCounter(name: "switchyard_callbacks_total", labels: [("outcome", outcome)]).increment()
    }

    func ledger(kind: String) {
        registry.makeCounter(name: "switchyard_ledger_entries_total", labels: [("kind", kind)]).increment()
    }

    /// The exposition text.
    public func render() -> String { registry.emitToString() }
}
