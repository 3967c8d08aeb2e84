import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1

/// The one owner of upstream network calls: credentials applied, deadlines, body limits, error classification,
/// failover across channels, metrics.
public struct UpstreamExecutor: Sendable {
    let client: HTTPClient
    let settings: UpstreamSettings
    let metrics: GatewayMetrics

    public init(client: HTTPClient, settings: UpstreamSettings, metrics: GatewayMetrics) {
        self.client = client
        self.settings = settings
        self.metrics = metrics
    }

    /// One call to one channel. Throws a classified `GatewayError` when no HTTP answer arrived (connect error,
    /// timeout, dropped connection, oversize body); any HTTP answer, error statuses included, is returned.
    public func send(_ request: UpstreamRequest, to channel: Channel, authorizer: any UpstreamAuthorizer, logger: Logger) async throws
        -> UpstreamResponse
    {
        var outbound = HTTPClientRequest(url: channel.baseURL + request.path)
        outbound.method = request.method
        outbound.headers = request.headers
        try authorizer.authorize(&outbound.headers, with: channel.credential)
        if let body = request.body {
            outbound.body = .bytes(body)
        }
        let started = ContinuousClock.now
        do {
            let response = try await client.execute(outbound, timeout: .milliseconds(settings.requestTimeoutMillis), logger: logger)
            let body = try await response.body.collect(upTo: settings.maxResponseBytes)
            metrics.upstreamCall(family: channel.family, outcome: String(response.status.code), duration: ContinuousClock.now - started)
            return UpstreamResponse(status: Int(response.status.code), headers: response.headers, body: body)
        } catch let error as NIOTooManyBytesError {
            _ = error
            metrics.upstreamCall(family: channel.family, outcome: "oversize", duration: ContinuousClock.now - started)
            // The upstream answered, possibly with a success: it may have done the work.
            var oversize = GatewayError.upstreamMalformed
            oversize.upstreamMayHaveAccepted = true
            throw oversize
        } catch {
            let classified = Self.classify(error)
            metrics.upstreamCall(family: channel.family, outcome: classified.code.rawValue, duration: ContinuousClock.now - started)
            // The error's description can hold the URL; the channel id is enough to find it.
            logger.warning("upstream call failed", metadata: ["channel": "\(channel.id)", "error": "\(classified.code.rawValue)"])
            throw classified
        }
    }

    /// Tries `channels` in order until one answers with something other than a retryable failure.
    ///
    /// Returns the channel that answered, its answer (which may be a non-retryable error status for the codec to
    /// read) and whether an earlier channel may have accepted the request before failing. Throws the last failure
    /// when every channel failed, marked `upstreamMayHaveAccepted` when any attempt may have been accepted: a 5xx
    /// says the upstream failed, not that it did nothing (a 429 or a refused key does say that).
    public func sendWithFailover(
        channels: [Channel], authorizer: any UpstreamAuthorizer, logger: Logger,
        build: (Channel) throws -> UpstreamRequest
    ) async throws -> (channel: Channel, response: UpstreamResponse, earlierMayHaveAccepted: Bool) {
        var lastError = GatewayError.upstreamUnavailable
        var mayHaveAccepted = false
        for channel in channels {
            try Task.checkCancellation()
            do {
                let response = try await send(try build(channel), to: channel, authorizer: authorizer, logger: logger)
                if settings.retryStatuses.contains(response.status) || response.status == 401 || response.status == 403 {
                    lastError = .upstreamStatus(response.status, retryable: true)
                    mayHaveAccepted = mayHaveAccepted || response.status >= 500
                    logger.info("upstream refused; trying next channel", metadata: ["channel": "\(channel.id)", "status": "\(response.status)"])
                    metrics.failover(family: channel.family)
                    continue
                }
                return (channel, response, mayHaveAccepted)
            } catch let error as GatewayError where error.isRetryable {
                lastError = error
                mayHaveAccepted = mayHaveAccepted || error.upstreamMayHaveAccepted
                metrics.failover(family: channel.family)
                continue
            } catch {
                // Whatever ends the attempts (cancellation included) must not hide an earlier maybe.
                var final = Self.classify(error)
                final.upstreamMayHaveAccepted = final.upstreamMayHaveAccepted || mayHaveAccepted
                throw final
            }
        }
        lastError.upstreamMayHaveAccepted = mayHaveAccepted
        throw lastError
    }

    static func classify(_ error: any Error) -> GatewayError {
        if let error = error as? GatewayError { return error }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .writeTimeout:
                // The request never reached the upstream whole: nothing was done.
                return .upstreamTimeout
            case .deadlineExceeded, .readTimeout:
                var timeout = GatewayError.upstreamTimeout
                timeout.upstreamMayHaveAccepted = true
                return timeout
            case .remoteConnectionClosed:
                var dropped = GatewayError.upstreamUnavailable
                dropped.upstreamMayHaveAccepted = true
                return dropped
            default:
                return .upstreamUnavailable
            }
        }
        return .upstreamUnavailable
    }
}
