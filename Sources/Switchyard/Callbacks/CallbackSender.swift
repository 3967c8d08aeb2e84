import AsyncHTTPClient
import Crypto
import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// Delivers queued callbacks: signed POSTs with a timeout, retried with exponential backoff, never to a target the
/// policy refuses, never following redirects.
///
/// A continuous pool: each tick leases what is due into free places (at most `maxConcurrentDeliveries` in flight),
/// so a receiver that never answers holds its own delivery and nobody else's. A task's events go out one at a time
/// and in order; a later one waits while an earlier one is in flight or in its backoff.
public struct CallbackSender: Service {
    let database: Database
    let client: HTTPClient
    let settings: CallbackSettings
    let policy: CallbackTargetPolicy
    let signingSecret: String
    let clock: Clock
    let metrics: GatewayMetrics
    let logger: Logger
    private let inFlight = InFlightTasks()

    /// - Parameter resolver: how target names are resolved (the system's resolver unless a test gives its own).
    public init(
        database: Database, client: HTTPClient, settings: CallbackSettings, signingSecret: String, clock: Clock, metrics: GatewayMetrics,
        logger: Logger, resolver: @escaping CallbackTargetPolicy.Resolver = CallbackTargetPolicy.resolve
    ) {
        self.database = database
        self.client = client
        self.settings = settings
        self.policy = CallbackTargetPolicy(allowPrivateTargets: settings.allowPrivateTargets, resolver: resolver)
        self.signingSecret = signingSecret
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        // Shutdown cancels the sleep and the deliveries in flight (they stay pending); the loop then ends and the
        // service returns once every delivery has recorded its outcome.
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    for delivery in await leaseIntoFreePlaces() {
                        group.addTask {
                            await deliver(delivery)
                            inFlight.finish(delivery.taskID)
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(settings.tickMillis))
                }
            }
        }
    }

    /// Leases due deliveries for the places free in the pool and marks their tasks in flight.
    private func leaseIntoFreePlaces() async -> [CallbackOutbox.Delivery] {
        let free = settings.maxConcurrentDeliveries - inFlight.count
        guard free > 0 else { return [] }
        let due: [CallbackOutbox.Delivery]
        do {
            // The lease outlives an attempt (timeout, plus time to resolve); it only matters after a crash.
            due = try await CallbackOutbox.leaseDue(database: database, now: clock.nowMillis(), limit: free, leaseMillis: settings.timeoutMillis * 2)
        } catch {
            logger.error("could not lease callbacks", metadata: ["error": "\(error)"])
            return []
        }
        // A lease that ran out while its delivery is still in flight (a resolver slower than the lease) is not
        // started twice.
        return due.filter { inFlight.start($0.taskID) }
    }

    func deliver(_ delivery: CallbackOutbox.Delivery) async {
        var (state, error) = await attempt(delivery)
        if Task.isCancelled && state == "pending" {
            // Cut off by shutdown: not the receiver's failure, so not counted; due again at the next start.
            try? await CallbackOutbox.record(
                database: database, id: delivery.id, state: "pending", attempts: delivery.attempts, nextAttemptAt: clock.nowMillis(),
                error: "interrupted by shutdown")
            return
        }
        let attempts = delivery.attempts + 1
        if state == "pending" && attempts >= settings.maxAttempts { state = "failed" }
        let backoff = TaskLifecycle.pollDelay(
            attempts: attempts - 1, initialMillis: settings.initialBackoffMillis, maximumMillis: settings.maxBackoffMillis)
        metrics.callbackDelivery(outcome: state)
        do {
            try await CallbackOutbox.record(
                database: database, id: delivery.id, state: state, attempts: attempts, nextAttemptAt: clock.nowMillis() + backoff, error: error)
        } catch {
            logger.error("could not record callback outcome", metadata: ["callback": "\(delivery.id)"])
        }
    }

    /// One delivery attempt: `delivered`, `refused` (the target is not allowed; never retried) or `pending` (retry).
    private func attempt(_ delivery: CallbackOutbox.Delivery) async -> (state: String, error: String?) {
        let pinned: CallbackTargetPolicy.PinnedTarget?
        do {
            pinned = try await policy.checkResolved(delivery.url)
        } catch let unresolved as CallbackTargetPolicy.Unresolved {
            return ("pending", unresolved.message)
        } catch {
            return ("refused", (error as? GatewayError)?.message ?? "target could not be checked")
        }
        do {
            let status = try await post(delivery, pinned: pinned)
            return (200..<300).contains(status) ? ("delivered", nil) : ("pending", "HTTP \(status)")
        } catch {
            return ("pending", "connection failed")
        }
    }

    private func post(_ delivery: CallbackOutbox.Delivery, pinned: CallbackTargetPolicy.PinnedTarget?) async throws -> Int {
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        let timestamp = String(clock.nowMillis() / 1000)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Switchyard-Callback/1")
        request.headers.add(
            name: "X-Switchyard-Signature", value: "t=\(timestamp),v1=\(Self.sign(delivery.payload, timestamp: timestamp, secret: signingSecret))")
        if let family = delivery.family, let tokenID = delivery.tokenID, FamilyModules.module(named: family)?.signsStandardWebhooks == true {
            // The family's own scheme as well (Replicate's), keyed by the owner's secret; the id stays the same on retries.
            let id = "msg_\(delivery.id)"
            let secret = StandardWebhooks.secret(forToken: tokenID, gatewaySecret: signingSecret)
            request.headers.add(name: "webhook-id", value: id)
            request.headers.add(name: "webhook-timestamp", value: timestamp)
            if let signature = StandardWebhooks.signature(id: id, timestamp: timestamp, body: delivery.payload, secret: secret) {
                request.headers.add(name: "webhook-signature", value: signature)
            }
        }
        request.body = .bytes(ByteBuffer(string: delivery.payload))
        guard let pinned else {
            let response = try await client.execute(request, timeout: .milliseconds(settings.timeoutMillis), logger: logger)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        }
        // A client of its own that connects to the checked address (TLS still verifies the host name): callbacks
        // are few, and the shared client would resolve the name again.
        let pinnedClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.pinnedConfiguration(pinned))
        do {
            let response = try await pinnedClient.execute(request, timeout: .milliseconds(settings.timeoutMillis), logger: logger)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            try? await pinnedClient.shutdown()
            return Int(response.status.code)
        } catch {
            try? await pinnedClient.shutdown()
            throw error
        }
    }

    /// What a delivery to a pinned target runs with: no redirects, and the name answered by the checked address.
    static func pinnedConfiguration(_ pinned: CallbackTargetPolicy.PinnedTarget) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.dnsOverride = [pinned.host: pinned.address]
        return configuration
    }

    /// Hex HMAC-SHA256 of `"<timestamp>.<payload>"`: what a receiver recomputes to trust a callback.
    public static func sign(_ payload: String, timestamp: String, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(payload)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return Hex.encode(mac)
    }
}

/// The tasks whose callback is being delivered now, and so how many places of the pool are taken.
private final class InFlightTasks: Sendable {
    private let tasks = Mutex<Set<String>>([])

    var count: Int { tasks.withLock { $0.count } }

    /// Marks `taskID` in flight; false when it already is.
    func start(_ taskID: String) -> Bool { tasks.withLock { $0.insert(taskID).inserted } }

    func finish(_ taskID: String) { _ = tasks.withLock { $0.remove(taskID) } }
}

// ServiceLifecycle describes every service when it starts (at debug level); the default description would print
// the signing secret.
extension CallbackSender: CustomStringConvertible {
    public var description: String { "CallbackSender" }
}
