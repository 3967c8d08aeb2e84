import Synchronization

/// Draws the faults of an `EmulatorFaultMix`, one draw per eligible request, from a seeded generator.
final class EmulatorFaultDice: Sendable {
    /// What is drawn and how often.
    let mix: EmulatorFaultMix
    /// One generator for the whole instance, so the sequence of draws follows from the seed alone.
    private let generator: Mutex<SplitMix64>

    /// Creates the dice of `mix`, seeded with its seed.
    init(mix: EmulatorFaultMix) {
        self.mix = mix
        self.generator = Mutex(SplitMix64(seed: mix.seed))
    }

    /// The fault for the next request, or nil for none.
    func draw() -> EmulatorFault? {
        generator.withLock { generator in
            // Two values every time, used or not, so each draw moves the sequence by the same amount.
            let roll = Double(generator.next() >> 11) / Double(1 << 53)
            let pick = generator.next()
            guard roll < mix.rate, !mix.faults.isEmpty else { return nil }
            return mix.faults[Int(pick % UInt64(mix.faults.count))]
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast generator whose whole sequence is fixed by its seed, which the
/// system generator's is not.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
