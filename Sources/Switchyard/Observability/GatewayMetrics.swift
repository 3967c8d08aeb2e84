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

    /// `switchyard_reserved_micros`: money reserved by synchronous calls still running, in micro-dollars.
    private static var reserved: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", metricName: "reserved", unitName: "micros",
            helpText: "Micro-dollars reserved by synchronous calls still running (task holds are in the store).")
    }
    /// `switchyard_unwritten_charges_micros`: charges settled in memory and not yet written to the store.
    private static var unwritten: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", metricName: "unwritten_charges", unitName: "micros",
            helpText: "Micro-dollars charged by finished calls and not yet written to the store.")
    }

    /// Sets the gauges of money in flight (read from `SpendBuffer.outstanding()` at scrape time): a soak or an
    /// operator sees a reservation that never closed as a value that stays above zero when traffic has stopped.
    func outstanding(reservedMicros: Int64, unwrittenMicros: Int64) {
        registry.makeGauge(descriptor: Self.reserved).set(reservedMicros)
        registry.makeGauge(descriptor: Self.unwritten).set(unwrittenMicros)
    }

    /// The exposition text.
    public func render() -> String { registry.emitToString() }
}
