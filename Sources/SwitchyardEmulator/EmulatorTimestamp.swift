import Foundation

/// Formats instants the way Python/pydantic upstreams print them: ISO 8601 in UTC with microseconds and a
/// trailing "Z", e.g. "2024-11-27T13:50:56.313494Z".
enum EmulatorTimestamp {
    /// The ISO 8601 text of `date` with six fractional digits.
    static func iso8601Microseconds(_ date: Date) -> String {
        // Split into whole seconds and microseconds first so rounding can never print "1000000".
        let totalMicroseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let (seconds, micro) = totalMicroseconds.quotientAndRemainder(dividingBy: 1_000_000)
        let wholeSeconds = micro < 0 ? seconds - 1 : seconds
        let microseconds = micro < 0 ? micro + 1_000_000 : micro

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second],
            from: Date(timeIntervalSince1970: TimeInterval(wholeSeconds))
        )
        let dayText = "\(padded(parts.year ?? 1970, 4))-\(padded(parts.month ?? 1, 2))-\(padded(parts.day ?? 1, 2))"
        let timeText = "\(padded(parts.hour ?? 0, 2)):\(padded(parts.minute ?? 0, 2)):\(padded(parts.second ?? 0, 2))"
        return "\(dayText)T\(timeText).\(padded(Int(microseconds), 6))Z"
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension EmulatorTimestamp {
    /// The ISO 8601 text of `date` with three fractional digits, as Suno and Udio print `created_at`:
    /// "2024-11-27T13:50:56.313Z".
    static func iso8601Milliseconds(_ date: Date) -> String {
        // Microseconds "…56.313494Z" → milliseconds "…56.313Z".
        String(iso8601Microseconds(date).dropLast(4)) + "Z"
    }
}
