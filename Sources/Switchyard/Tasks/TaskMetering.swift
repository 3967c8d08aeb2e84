/// Tasks priced per second that the upstream measures (Replicate's `predict_time`): the hold is the price of the most
/// seconds the family allows, and success charges the measured share of it, rounded up to the micro-dollar and never
/// above the hold; the rest of the hold is released by the same ledger entry.
enum TaskMetering {
    /// Where a metered task's request keeps the seconds its hold was priced for (the gateway's own key, which no
    /// family renders), so that a later change of the family's maximum does not change what an earlier task owes.
    static let heldSecondsKey = "gateway_metered_seconds"

    /// `request` marked as metered over `seconds`; a request that is not an object is left as it is.
    static func marking(_ request: JSONValue, heldSeconds seconds: Int64) -> JSONValue {
        guard case .object(var object) = request else { return request }
        object[heldSecondsKey] = .number(Double(seconds))
        return .object(object)
    }

    /// What a successful `task` is charged when its price is metered and `family` read a measure in `observation`;
    /// nil (the whole hold is charged) otherwise.
    static func settleMicros(for task: TaskRecord, observation: TaskObservation, family: any TaskFamily) -> Int64? {
        guard let seconds = task.request[heldSecondsKey]?.doubleValue.flatMap({ Int64(exactly: $0) }),
            let measured = family.measuredSeconds(in: observation)
        else { return nil }
        return charge(heldMicros: task.priceMicros, heldSeconds: seconds, measuredSeconds: measured)
    }

    /// `heldMicros` × `measuredSeconds` / `heldSeconds`, rounded up, in exact integer arithmetic on the measure in
    /// microseconds. A measure at or past the held seconds charges the hold; one that is not a number of seconds at
    /// all (NaN, infinite, negative) charges the hold too, as a task without a measure is: the upstream did run it.
    static func charge(heldMicros: Int64, heldSeconds: Int64, measuredSeconds: Double) -> Int64 {
        guard heldMicros > 0 else { return max(0, heldMicros) }
        let (heldMicroseconds, overflow) = heldSeconds.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow, heldSeconds > 0, measuredSeconds.isFinite, measuredSeconds >= 0, measuredSeconds < Double(heldSeconds) else {
            return heldMicros
        }
        let measured = min(heldMicroseconds, Int64((measuredSeconds * 1_000_000).rounded()))
        // measured ≤ heldMicroseconds, so the quotient is at most heldMicros and cannot overflow.
        let (quotient, remainder) = heldMicroseconds.dividingFullWidth(heldMicros.multipliedFullWidth(by: measured))
        return min(heldMicros, remainder > 0 ? quotient + 1 : quotient)
    }
}
