import Synchronization

/// Recent outcomes per channel, in memory: a channel is reported unhealthy on a credential refusal at once, or when
/// its error rate over the last calls crosses the threshold — never on a single ordinary error.
public final class ChannelHealth: Sendable {
    private let settings: RelaySettings
    private let windows = Mutex<[Int64: [Bool]]>([:])

    public init(settings: RelaySettings) { self.settings = settings }

    /// Records one call; returns true when this outcome makes the channel unhealthy.
    public func record(channelID: Int64, success: Bool) -> Bool {
        windows.withLock { windows in
            var window = windows[channelID, default: []]
            window.append(success)
            if window.count > settings.errorRateWindow { window.removeFirst(window.count - settings.errorRateWindow) }
            windows[channelID] = window
            guard !success, window.count >= settings.minimumSamples else { return false }
            let failures = window.filter { !$0 }.count
            guard Double(failures) / Double(window.count) >= settings.unhealthyErrorRate else { return false }
            windows[channelID] = []
            return true
        }
    }

    /// The channel's recent relayed calls and how many of them failed (for operators' channel lists).
    public func recent(channelID: Int64) -> (calls: Int, failures: Int) {
        windows.withLock { windows in
            let window = windows[channelID, default: []]
            return (window.count, window.count(where: { !$0 }))
        }
    }

    /// Forgets a channel's history (after it was re-enabled).
    public func reset(channelID: Int64) {
        windows.withLock { $0[channelID] = nil }
    }
}
