/// Dates and times as the console shows them, in UTC, computed from epoch milliseconds by arithmetic (a long list
/// formats hundreds of them; no formatter object is made or shared).
enum ConsoleTime {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The civil date of a day counted from 1970-01-01 (Howard Hinnant's days-to-civil algorithm).
    static func civil(day: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func split(_ millis: Int64) -> (day: Int64, second: Int64) {
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (day, seconds - day * 86_400)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }

    /// "2026-11-26".
    static func date(_ millis: Int64) -> String {
        let date = civil(day: split(millis).day)
        return "\(date.year)-\(two(Int64(date.month)))-\(two(Int64(date.day)))"
    }

    /// "2026-11-26 14:03:09".
    static func time(_ millis: Int64) -> String {
        let second = split(millis).second
        return "\(date(millis)) \(two(second / 3_600)):\(two(second / 60 % 60)):\(two(second % 60))"
    }

    /// "Nov 26".
    static func shortDay(_ millis: Int64) -> String {
        let date = civil(day: split(millis).day)
        return "\(months[date.month - 1]) \(date.day)"
    }

    /// Midnight UTC of the first day of `millis`'s month.
    static func monthStart(_ millis: Int64) -> Int64 {
        let day = split(millis).day
        return (day - Int64(civil(day: day).day - 1)) * 86_400_000
    }
}
