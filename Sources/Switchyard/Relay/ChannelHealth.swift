import Foundation
import Synchronization

/// What the executor knows of its channels' health (every family, every kind of call), in memory, told apart by
/// cause so that a busy channel is not taken for a sick one:
/// - a failure (no answer, a 5xx) counts toward the channel's error rate; only a high rate over the last calls
///   marks it unhealthy, never a single error;
/// - a 429 is the upstream asking for patience: that key cools down for its `Retry-After` and the channel is tried
///   after cooler ones, but nothing counts as a failure, so no customer's over-limit prompts can take a channel out;
/// - a 401/403 refuses one key: that key is skipped from then on, and the channel is out only when all its keys are.
public final class ChannelHealth: Sendable {
    private let settings: RelaySettings

    private struct State {
        var windows: [Int64: [Bool]] = [:]
        /// Keys (by index) an upstream refused, per channel.
        var refusedKeys: [Int64: Set<Int>] = [:]
        /// Until when each key of a channel cools down after a 429 (wall-clock milliseconds).
        var coolingUntil: [Int64: [Int: Int64]] = [:]
    }

    private let state = Mutex(State())

    /// The longest a 429's `Retry-After` keeps a key aside, whatever the upstream says.
    public static let maximumCoolDownMillis: Int64 = 60_000
    /// How long a 429 without `Retry-After` keeps a key aside.
    public static let defaultCoolDownMillis: Int64 = 5_000

    public init(settings: RelaySettings) { self.settings = settings }

    /// Records one answered or failed call; returns true when this outcome makes the channel unhealthy.
    public func record(channelID: Int64, success: Bool) -> Bool {
        state.withLock { state in
            var window = state.windows[channelID, default: []]
            window.append(success)
            if window.count > settings.errorRateWindow { window.removeFirst(window.count - settings.errorRateWindow) }
            state.windows[channelID] = window
            guard !success, window.count >= settings.minimumSamples else { return false }
            let failures = window.count(where: { !$0 })
            guard Double(failures) / Double(window.count) >= settings.unhealthyErrorRate else { return false }
            state.windows[channelID] = []
            return true
        }
    }

    /// Records that the upstream refused key `keyIndex` of a channel with `keyCount` keys; returns true when every
    /// key of the channel is now refused (the channel itself is then out of rotation).
    public func refuseKey(channelID: Int64, keyIndex: Int, keyCount: Int) -> Bool {
        state.withLock { state in
            state.refusedKeys[channelID, default: []].insert(keyIndex)
            return state.refusedKeys[channelID, default: []].count >= keyCount
        }
    }

    /// Keeps a key aside until `until` after a 429.
    public func coolDown(channelID: Int64, keyIndex: Int, until: Int64) {
        state.withLock { state in
            state.coolingUntil[channelID, default: [:]][keyIndex] = until
        }
    }

    /// Whether every key of the channel is cooling down at `now` (the channel is then tried after the others).
    public func isCooling(channelID: Int64, keyCount: Int, now: Int64) -> Bool {
        state.withLock { state in
            guard let cooling = state.coolingUntil[channelID] else { return false }
            return (0..<keyCount).allSatisfy { (cooling[$0] ?? 0) > now }
        }
    }

    /// Whether some key of the channel is neither refused nor cooling down at `now` (another key is then worth
    /// trying before the next channel).
    public func hasFreeKey(channelID: Int64, keyCount: Int, now: Int64) -> Bool {
        state.withLock { state in
            let refused = state.refusedKeys[channelID] ?? []
            let cooling = state.coolingUntil[channelID] ?? [:]
            return (0..<keyCount).contains { !refused.contains($0) && (cooling[$0] ?? 0) <= now }
        }
    }

    /// The key to use for the `turn`-th call of a channel with `keyCount` keys: keys in turn, skipping refused
    /// ones and, while another is free, cooling ones. Nil when the upstream refused every key.
    public func keyIndex(channelID: Int64, keyCount: Int, turn: Int, now: Int64) -> Int? {
        state.withLock { state in
            let refused = state.refusedKeys[channelID] ?? []
            let cooling = state.coolingUntil[channelID] ?? [:]
            let start = turn % Swift.max(keyCount, 1)
            let order = (0..<keyCount).map { (start + $0) % keyCount }.filter { !refused.contains($0) }
            return order.first { (cooling[$0] ?? 0) <= now } ?? order.first
        }
    }

    /// The channel's recent upstream calls and how many of them failed (for operators' channel lists).
    public func recent(channelID: Int64) -> (calls: Int, failures: Int) {
        state.withLock { state in
            let window = state.windows[channelID, default: []]
            return (window.count, window.count(where: { !$0 }))
        }
    }

    /// Forgets a channel's history, refused keys and cool-downs (after it was re-enabled or edited).
    public func reset(channelID: Int64) {
        state.withLock { state in
            state.windows[channelID] = nil
            state.refusedKeys[channelID] = nil
            state.coolingUntil[channelID] = nil
        }
    }

    /// How long a 429 asks to wait: its `Retry-After` in seconds (an HTTP date counts as the default), held within
    /// a second and `maximumCoolDownMillis`.
    public static func coolDownMillis(retryAfter: String?) -> Int64 {
        guard let retryAfter, let seconds = Int64(retryAfter.trimmingCharacters(in: .whitespaces)) else { return defaultCoolDownMillis }
        return Swift.min(Swift.max(seconds, 1), maximumCoolDownMillis / 1_000) * 1_000
    }
}
