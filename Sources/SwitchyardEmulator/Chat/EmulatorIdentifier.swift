import Synchronization

/// Object ids in the style of the OpenAI and Anthropic APIs: a prefix and base-62 characters.
///
/// Unique ids come from a process-wide counter mixed with a random seed, so making one costs no system call;
/// deterministic ids (tool calls) hash a seed text, so the same request always gets the same id.
enum EmulatorIdentifier {
    /// The characters ids are made of.
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    /// Chosen once per process so ids differ between runs.
    private static let seed = UInt64.random(in: .min ... .max)
    /// Bumped for every unique id.
    private static let counter = Atomic<UInt64>(0)

    /// A new id, e.g. `unique("chatcmpl-", length: 29)`.
    static func unique(_ prefix: String, length: Int = 24) -> String {
        let (serial, _) = counter.add(1, ordering: .relaxed)
        return make(prefix, length: length, state: seed ^ serial &* 0x9E37_79B9_7F4A_7C15)
    }

    /// An id that depends only on `text`, e.g. the id of a tool call made in answer to a given message.
    static func deterministic(_ prefix: String, from text: String, length: Int = 24) -> String {
        make(prefix, length: length, state: hash(text))
    }

    /// The 64-bit FNV-1a hash of `text`: stable across runs and platforms, unlike `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// One step of SplitMix64: advances `state` and returns a well-mixed 64-bit value.
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// `prefix` followed by `length` characters drawn from a SplitMix64 stream started at `state`.
    private static func make(_ prefix: String, length: Int, state: UInt64) -> String {
        var state = state
        var characters = [UInt8]()
        characters.reserveCapacity(prefix.utf8.count + length)
        characters.append(contentsOf: prefix.utf8)
        var pool: UInt64 = 0
        var left = 0
        for _ in 0..<length {
            if left == 0 {
                pool = splitMix(&state)
                left = 10
            }
            characters.append(alphabet[Int(pool % 62)])
            pool /= 62
            left -= 1
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
