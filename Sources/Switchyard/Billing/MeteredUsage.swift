/// What one relayed call used, in every unit a price can be in. Negative counts count as 0.
public struct MeteredUsage: Sendable, Equatable {
    /// All input tokens, cached ones included (OpenAI `prompt_tokens` semantics).
    public var input: Int
    /// Of `input`, tokens read from the cache (OpenAI `cached_tokens`, Anthropic `cache_read_input_tokens`).
    public var cacheRead: Int
    /// Of `input`, tokens written to the cache (Anthropic `cache_creation_input_tokens`).
    public var cacheWrite: Int
    /// Output tokens.
    public var output: Int
    /// Images produced, for per-image priced models.
    public var images: Int
    /// Input characters, for per-character priced models (speech).
    public var characters: Int
    /// Seconds of audio, for per-second priced models (transcription), rounded up.
    public var seconds: Int

    /// Usage in any of the units; every count defaults to 0.
    public init(input: Int = 0, cacheRead: Int = 0, cacheWrite: Int = 0, output: Int = 0, images: Int = 0, characters: Int = 0, seconds: Int = 0) {
        self.input = input
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.output = output
        self.images = images
        self.characters = characters
        self.seconds = seconds
    }
}
