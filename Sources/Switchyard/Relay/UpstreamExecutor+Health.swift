import Logging
import NIOHTTP1

/// What one upstream answer means for the key and the channel that gave it.
enum UpstreamVerdict: Sendable, Equatable {
    /// An answer to pass on (a success, or the upstream's verdict on the request itself).
    case answered
    /// The key was refused (401/403) or rate limited (429): another key or channel is tried; the channel's error
    /// rate is untouched.
    case keyRefused
    /// A retryable server error: it counts toward the channel's error rate; the next channel is tried.
    case failed
}

extension UpstreamExecutor {
    /// Applies the health rules to one HTTP answer: a 429 cools the key down, a 401/403 takes the key out (and the
    /// channel when it was its last key), a 5xx counts as a failure, anything else as a success.
    func noteAnswer(status: Int, headers: HTTPHeaders, channel: Channel, keyIndex: Int, logger: Logger) async -> UpstreamVerdict {
        switch status {
        case 429:
            let wait = ChannelHealth.coolDownMillis(retryAfter: headers.first(name: "retry-after"))
            health.coolDown(channelID: channel.id, keyIndex: keyIndex, until: clock.nowMillis() + wait)
            return settings.retryStatuses.contains(429) ? .keyRefused : .answered
        case 401, 403:
            let keyCount = channel.credential.keyCount
            logger.warning("upstream refused a channel key", metadata: ["channel": "\(channel.id)", "key": "\(keyIndex + 1) of \(keyCount)"])
            if health.refuseKey(channelID: channel.id, keyIndex: keyIndex, keyCount: keyCount) {
                await markUnhealthy(channel, reason: "upstream refused every key (HTTP \(status))", logger: logger)
            }
            return .keyRefused
        case _ where settings.retryStatuses.contains(status):
            if status >= 500 { await noteFailure(channel, logger: logger) }
            return .failed
        default:
            _ = health.record(channelID: channel.id, success: true)
            return .answered
        }
    }

    /// An upstream that did not answer, or answered a server error: counts toward its error rate, and a high rate
    /// takes the channel out of rotation until the probe brings it back.
    func noteFailure(_ channel: Channel, logger: Logger) async {
        guard health.record(channelID: channel.id, success: false) else { return }
        await markUnhealthy(channel, reason: "error rate over threshold", logger: logger)
    }

    private func markUnhealthy(_ channel: Channel, reason: String, logger: Logger) async {
        guard let channels else { return }
        logger.warning("channel marked unhealthy", metadata: ["channel": "\(channel.id)", "reason": "\(reason)"])
        try? await channels.setStatus(id: channel.id, status: "unhealthy", reason: reason)
    }
}
