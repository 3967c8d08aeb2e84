extension GatewayMetrics {
    /// How late a poll started after its task fell due: whether the poller keeps up with the live tasks.
    func taskPollLateness(millis: Int64) {
        registry.makeDurationHistogram(
            name: "switchyard_task_poll_lateness_seconds",
            buckets: [
                .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
                .seconds(5), .seconds(10), .seconds(15), .seconds(20), .seconds(30), .seconds(60),
            ]
        ).record(.milliseconds(max(0, millis)))
    }
}
