/// Money in integer micro-dollars (1 USD = 1_000_000), with parsing and formatting in dollars.
public enum Money {
    public static let microsPerDollar: Int64 = 1_000_000

    /// Parses "2.50", "3", "0.000001" into micro-dollars; nil for anything else (no floating point involved).
    public static func parseDollars(_ text: String) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholeText = parts.first, !wholeText.isEmpty, wholeText.allSatisfy(\.isNumber),
            let whole = Int64(wholeText)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = parts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isNumber), let value = Int64(digits) else { return nil }
            fraction = value * Self.pow10(6 - digits.count)
        }
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: microsPerDollar)
        guard !overflow else { return nil }
        let (total, overflow2) = scaled.addingReportingOverflow(fraction)
        return overflow2 ? nil : total
    }

    /// Like `parseDollars`, with an optional leading minus ("-2.50"): for corrections.
    public static func parseSignedDollars(_ text: String) -> Int64? {
        guard text.hasPrefix("-") else { return parseDollars(text) }
        return parseDollars(String(text.dropFirst())).map { -$0 }
    }

    /// Formats micro-dollars as dollars with six decimals trimmed to at least two: 2500000 → "2.50".
    public static func format(_ micros: Int64) -> String {
        let sign = micros < 0 ? "-" : ""
        let magnitude = micros.magnitude
        let whole = magnitude / UInt64(microsPerDollar)
        var fraction = String(magnitude % UInt64(microsPerDollar))
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 2 && fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(whole).\(fraction)"
    }

    /// Multiplies an amount by a factor given in thousandths (1500 = ×1.5), rounding half up; nil on overflow.
    public static func scale(_ micros: Int64, byPermille permille: Int64) -> Int64? {
        let (product, overflow) = micros.multipliedReportingOverflow(by: permille)
        guard !overflow else { return nil }
        // Adding 500 before dividing would trap for a product within 500 of the largest value (a price near the top
        // in a ×0.001 group); a negative product has room for it.
        if product < 0 { return (product + 500) / 1000 }
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 1000)
        return quotient + (remainder >= 500 ? 1 : 0)
    }

    /// `a + b`, held at the largest or smallest value instead of overflowing: for running totals that must never
    /// trap, where a total that large already refuses everything.
    public static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? .max : .min
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
