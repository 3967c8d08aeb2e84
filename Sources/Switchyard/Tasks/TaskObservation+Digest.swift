extension TaskObservation {
    /// A stable fingerprint of what the upstream said (state, status, object, reason): equal digests on two polls
    /// mean nothing new to record. FNV-1a over the encoded answer; stable across processes and restarts.
    var digest: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [state.rawValue, upstreamStatus, result?.encoded() ?? "", failureReason ?? ""] {
            for byte in part.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            // A separator, so that moving text from one part to the next changes the digest.
            hash = (hash ^ 0xff) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
