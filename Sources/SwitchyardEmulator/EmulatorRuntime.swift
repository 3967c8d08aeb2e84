import Synchronization

/// State shared by every route of one emulator instance: its configuration, the port it ended up on,
/// per-route request counters and whether it is stopping.
///
/// Families keep their own stores (see `EmulatorFamily`); this type holds only what is common.
final class EmulatorRuntime: Sendable {
    /// The settings the instance was started with.
    let configuration: EmulatorConfiguration
    /// Draws the faults of `configuration.faultMix`; nil when there is none.
    private let faultDice: EmulatorFaultDice?

    /// Everything that changes while the server runs, behind one lock: requests are short and never block
    /// while holding it.
    private let mutable = Mutex(MutableState())

    /// The lock-protected part of the runtime.
    private struct MutableState {
        var port = 0
        var requestCounts: [String: Int] = [:]
        var isStopping = false
    }

    /// Creates the runtime for `configuration`; the port is filled in once the server is bound.
    init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
        self.faultDice = configuration.faultMix.map(EmulatorFaultDice.init(mix:))
    }

    /// A fault drawn from the configured mix for one request the client chose no fault for, or nil.
    func drawFault() -> EmulatorFault? {
        faultDice?.draw()
    }

    /// The bound port (0 until the server runs).
    var port: Int {
        mutable.withLock { $0.port }
    }

    /// Records the port the listening socket was bound to.
    func setPort(_ port: Int) {
        mutable.withLock { $0.port = port }
    }

    /// Counts one request received by `route` (e.g. "POST /generations/video").
    func recordRequest(_ route: String) {
        mutable.withLock { $0.requestCounts[route, default: 0] += 1 }
    }

    /// How many requests `route` has received so far.
    func requestCount(_ route: String) -> Int {
        mutable.withLock { $0.requestCounts[route] ?? 0 }
    }

    /// True once `stop()` began; long emulated waits end early so graceful shutdown is not held up.
    var isStopping: Bool {
        mutable.withLock { $0.isStopping }
    }

    /// Marks the instance as stopping.
    func beginStopping() {
        mutable.withLock { $0.isStopping = true }
    }

    /// The emulated time job timelines follow.
    var clock: EmulatorClock {
        configuration.clock
    }

    /// Seconds of emulated time per generation state step (never negative).
    var stepSeconds: Double {
        max(0, configuration.stepSeconds)
    }

    /// The host to put in URLs: wildcard bind addresses are not reachable, so they map to loopback.
    var publicHost: String {
        switch configuration.host {
        case "", "0.0.0.0": return "127.0.0.1"
        case "::", "[::]": return "[::1]"
        case let host where host.contains(":") && !host.hasPrefix("["): return "[\(host)]"
        case let host: return host
        }
    }

    /// Root URL of this instance, e.g. "http://127.0.0.1:8080"; families append their official paths.
    var rootURL: String {
        "http://\(publicHost):\(port)"
    }

    /// Waits `seconds`, waking early when the instance stops or the task is cancelled.
    ///
    /// Sleeps in short slices rather than one long sleep because request handlers are not cancelled by a
    /// graceful shutdown: a 60 s `timeout` fault would otherwise keep `stop()` waiting for a minute.
    /// - Returns: true when the full time elapsed, false when cut short.
    func pause(seconds: Double) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(seconds))
        while clock.now < deadline {
            if isStopping || Task.isCancelled { return false }
            let slice = min(Duration.milliseconds(50), deadline - clock.now)
            do {
                try await Task.sleep(for: slice)
            } catch {
                return false
            }
        }
        return true
    }
}
