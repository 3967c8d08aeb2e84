import Prometheus
import Synchronization

/// The gateway's own metrics, exposed in Prometheus text format at `/metrics`.
public final class GatewayMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    /// The spend buffer whose outstanding money is reported at each scrape (the running gateway's).
    private let spend = Mutex<SpendBuffer?>(nil)

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
    }

    /// Reports `buffer`'s reservations and unwritten charges at each scrape: after every call has ended, both are
    /// zero, and money left reserved shows here.
    func watch(_ buffer: SpendBuffer) {
        spend.withLock { $0 = buffer }
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
    public func render() -> String {
        if let buffer = spend.withLock({ $0 }) {
            let outstanding = buffer.outstanding()
            registry.makeGauge(name: "switchyard_spend_reserved_micros").set(Double(outstanding.reserved))
            registry.makeGauge(name: "switchyard_spend_unwritten_micros").set(Double(outstanding.unwritten))
        }
        return registry.emitToString()
    }
}
