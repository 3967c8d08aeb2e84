/// Settings of an emulator instance.
public struct EmulatorConfiguration: Sendable {
    /// Address to bind; "0.0.0.0" or "::" listen on every interface.
    public var host: String
    /// Port to bind; 0 lets the system pick a free one (read it back from `EmulatorServer.port`).
    public var port: Int
    /// Seconds of emulated time per state step: a generation is `queued` for 1 step, `dreaming` for 2 more steps,
    /// then `completed` (or `failed`). Default 1.0; tests use e.g. 0.05.
    public var stepSeconds: Double
    /// When non-nil, only these upstream keys are accepted (Bearer); otherwise any non-empty key.
    public var acceptedKeys: Set<String>?
    /// Access key → secret key of the pairs whose signed tokens (HS256 JWTs with `iss` = the access key) the
    /// upstreams that authenticate by signed tokens accept; a token of another access key, signed with another
    /// secret, or outside its `nbf`…`exp` on this instance's clock is refused with a 401.
    public var signingKeys: [String: String]
    /// A fault applied to every request of this instance (used to make one of two channels broken in failover tests).
    public var forcedFault: EmulatorFault?
    /// Milliseconds to pause between the content chunks of a streamed answer (OpenAI, Anthropic); 0 streams them
    /// back to back. A request's `X-Emulator-Chunk-Delay-Ms: N` header overrides it.
    public var streamChunkDelayMillis: Int
    /// Faults injected on a share of requests without the client asking (nil: none); a forced fault or a header
    /// wins over a draw, and so does a prompt keyword on the Luma and Suno routes (see `EmulatorFault`).
    public var faultMix: EmulatorFaultMix?
    /// The emulated time job timelines follow; a test advances it (or uses `EmulatorClock.manual()`) instead of
    /// sleeping until an upstream job finishes.
    public var clock: EmulatorClock

    /// Creates a configuration; every parameter has the default a local test wants.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        stepSeconds: Double = 1.0,
        acceptedKeys: Set<String>? = nil,
        signingKeys: [String: String] = ["emulator-access-key": "emulator-secret-key"],
        forcedFault: EmulatorFault? = nil,
        streamChunkDelayMillis: Int = 0,
        faultMix: EmulatorFaultMix? = nil,
        clock: EmulatorClock = EmulatorClock()
    ) {
        self.host = host
        self.port = port
        self.stepSeconds = stepSeconds
        self.acceptedKeys = acceptedKeys
        self.signingKeys = signingKeys
        self.forcedFault = forcedFault
        self.streamChunkDelayMillis = streamChunkDelayMillis
        self.faultMix = faultMix
        self.clock = clock
    }
}
