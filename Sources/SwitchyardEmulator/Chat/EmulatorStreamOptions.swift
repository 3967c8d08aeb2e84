/// How one streamed answer is paced and broken, settled before the stream starts.
struct EmulatorStreamOptions: Sendable {
    /// Seconds to pause between content chunks (0: none). From `EmulatorConfiguration.streamChunkDelayMillis` or
    /// the request's `X-Emulator-Chunk-Delay-Ms` header.
    var chunkDelaySeconds: Double
    /// When set, the connection is closed right after this many content chunks, or at the end of the content if
    /// it has fewer (the `cut` fault).
    var cutAfterChunks: Int?
    /// True when the stream carries one malformed `data:` line and then ends (the `malformed` fault).
    var isMalformed = false

    /// How many content chunks the `cut` fault lets through.
    static let chunksBeforeCut = 3
}
