import AsyncHTTPClient
import Logging
import ServiceLifecycle

/// Brings unhealthy channels back: every interval it asks each one a cheap question (its model list, Luma's ping,
/// Suno's feed) and re-enables the channel when the upstream answers with success.
public struct ChannelProbe: Service {
    let channels: ChannelStore
    let executor: UpstreamExecutor
    let health: ChannelHealth
    let intervalMillis: Int64
    let logger: Logger

    public func run() async throws {
        // Shutdown cancels the sleep; the loop then ends and the service returns normally.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(intervalMillis))
                await probeAll()
            }
        }
    }

    /// One round; returns the ids of the channels it re-enabled.
    @discardableResult
    public func probeAll() async -> [Int64] {
        var recovered: [Int64] = []
        for channel in (try? await channels.unhealthy()) ?? [] {
            guard let (request, authorizer) = Self.probe(for: channel.family) else { continue }
            // The probe's answer decides health itself: it neither counts toward the error rate nor refuses keys.
            guard
                let response = try? await executor.send(request, to: channel, authorizer: authorizer, logger: logger, recordsHealth: false),
                response.isSuccess
            else { continue }
            try? await channels.setStatus(id: channel.id, status: "enabled")
            health.reset(channelID: channel.id)
            logger.info("channel recovered", metadata: ["channel": "\(channel.id)"])
            recovered.append(channel.id)
        }
        return recovered
    }

    /// Asks one channel its cheap question now (the operator's "test"); families without one count as reachable
    /// when their base URL answers at all.
    public func test(_ channel: Channel) async -> (success: Bool, status: Int?) {
        await Self.test(channel, executor: executor, logger: logger)
    }

    static func test(_ channel: Channel, executor: UpstreamExecutor, logger: Logger) async -> (success: Bool, status: Int?) {
        let (request, authorizer) = Self.probe(for: channel.family) ?? (.json(.GET, "", body: nil), BearerAuthorizer())
        guard let response = try? await executor.send(request, to: channel, authorizer: authorizer, logger: logger, recordsHealth: false) else {
            return (false, nil)
        }
        return (Self.probe(for: channel.family) == nil ? response.status < 500 : response.isSuccess, response.status)
    }

    /// Tests one channel from a process that runs no gateway (the CLI), with a client of its own.
    public static func test(_ channel: Channel, settings: UpstreamSettings = UpstreamSettings(), logger: Logger) async -> (
        success: Bool, status: Int?
    ) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let executor = UpstreamExecutor(client: client, settings: settings, metrics: GatewayMetrics())
        let outcome = await test(channel, executor: executor, logger: logger)
        try? await client.shutdown()
        return outcome
    }

    /// The family's cheap question and how its channels authenticate; nil when the family has no question.
    static func probe(for family: String) -> (UpstreamRequest, any UpstreamAuthorizer)? {
        guard let module = FamilyModules.module(named: family), let request = module.probeRequest else { return nil }
        return (request, module.authorizer)
    }
}
