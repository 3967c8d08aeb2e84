/// Faults injected on a share of requests without the client choosing them, for soak runs against many clients.
///
/// Each request that could take a header-selected fault (chat and other OpenAI/Anthropic calls, Luma creates,
/// Suno submits) draws once: with probability `rate` it gets one of `faults`, picked uniformly (list a fault
/// twice to make it twice as likely). Draws come from a generator seeded with `seed`, so a run's sequence of
/// draws is the same every time (which request gets which draw still depends on arrival order).
public struct EmulatorFaultMix: Sendable, Equatable {
    /// The share of requests that get a fault, clamped to 0...1.
    public var rate: Double
    /// The faults to pick from; an empty list injects nothing.
    public var faults: [EmulatorFault]
    /// Seed of the generator the draws come from.
    public var seed: UInt64

    /// Creates a mix; `rate` outside 0...1 is clamped.
    public init(rate: Double, faults: [EmulatorFault] = EmulatorFault.allCases, seed: UInt64 = 1) {
        self.rate = rate.isNaN ? 0 : min(1, max(0, rate))
        self.faults = faults
        self.seed = seed
    }

    /// Reads a comma-separated list of fault names, e.g. `500,429,timeout,garbage,garbage`.
    /// - Throws: `EmulatorFaultMix.UnknownFault` naming the first entry that is not a fault.
    public static func faults(parsing list: String) throws -> [EmulatorFault] {
        try list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }.map {
            guard let fault = EmulatorFault(rawValue: $0) else { throw UnknownFault(name: $0) }
            return fault
        }
    }

    /// A name in a fault list that is not an `EmulatorFault`.
    public struct UnknownFault: Error, CustomStringConvertible {
        /// The name as written.
        public let name: String

        public var description: String {
            "unknown fault '\(name)'; expected one of: \(EmulatorFault.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
