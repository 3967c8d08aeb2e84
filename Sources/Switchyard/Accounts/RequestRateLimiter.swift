import Synchronization

/// Requests per minute per key, in memory: a sliding window of the last minute's request times.
final class RequestRateLimiter: Sendable {
    private let windows = Mutex<[String: [Int64]]>([:])

    /// Counts a request; when over `limit`, returns how many seconds until one is allowed again.
    func admit(_ key: String, limit: Int, now: Int64) -> Int? {
        windows.withLock { windows in
            var times = windows[key, default: []]
            let windowStart = now - 60_000
            if let firstRecent = times.firstIndex(where: { $0 > windowStart }) {
                times.removeFirst(firstRecent)
            } else {
                times.removeAll()
            }
            guard times.count < limit else {
                windows[key] = times
                return Int(max(1, (times[0] - windowStart + 999) / 1000))
            }
            times.append(now)
            windows[key] = times
            return nil
        }
    }
}
