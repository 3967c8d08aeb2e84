/// A fault the emulator can inject into one request.
///
/// Chosen per request by `EmulatorConfiguration.forcedFault`, else the `X-Emulator-Fault` header, else a
/// `[fault:<rawValue>]` keyword in the JSON body's `prompt` (Luma, Suno; `gen_params.prompt` or `.lyrics` for Udio)
/// or in the text of the last user message (OpenAI, Anthropic; see `EmulatorFaultSelector`), else a draw of `EmulatorConfiguration.faultMix` (which, on
/// the OpenAI and Anthropic routes, is drawn before the keyword is read and so wins over it).
///
/// The OpenAI and Anthropic families answer the error faults in their own error shapes, treat `fail` as `500`,
/// send one malformed `data:` line for `malformed` on a stream and ignore `partial`.
public enum EmulatorFault: String, Sendable, CaseIterable {
    /// Answer 500 `{"detail":"Internal server error (emulated)"}`.
    case serverError = "500"
    /// Answer 429 `{"detail":"Too many requests (emulated)"}` with `Retry-After: 1`.
    case rateLimited = "429"
    /// Answer correctly after a 1.5 s delay.
    case slow = "slow"
    /// Never answer: hold the request for 60 s (cut short when the emulator stops), then close the connection.
    case timeout = "timeout"
    /// Close the TCP connection without any response.
    case drop = "drop"
    /// Answer 200/201 with a body that is not valid JSON.
    case malformed = "malformed"
    /// The create succeeds, but the generation ends `failed` with failure_reason "Generation failed (emulated)".
    case fail = "fail"
    /// The create succeeds; of a task with several outputs (a Suno music task's two clips, a Udio task's two songs)
    /// the first completes and the rest end in error, and the task ends failed. Families whose jobs have one output
    /// ignore it (Luma); Suno's single-output tasks (lyrics, concat) treat it as `fail`.
    case partial = "partial"
    /// A streamed answer (OpenAI, Anthropic) stops after 3 content chunks and the connection is closed without the
    /// final events or `[DONE]`; a request that does not stream is treated as `drop`.
    case cut = "cut"
    /// The create succeeds; a later DELETE of the job (Luma) is held until two GETs have shown the job in a later
    /// state than it had when the DELETE arrived (at most 10 s): the upstream moved on, and its poller heard of it,
    /// before it carried out the cancel. Families without cancels ignore it.
    case lateCancel = "late-cancel"
    /// Answer with the normal status but a body that is neither JSON nor events: an HTML page with binary bytes.
    /// A streamed answer (OpenAI, Anthropic) starts normally and turns to garbage after its first events, then
    /// ends without the final events or `[DONE]`.
    case garbage = "garbage"
    /// Send the status and headers at once, then trickle the normal body a few bytes at a time (every body,
    /// streamed or not, takes about a second more per kilobyte).
    case slowBody = "slow-body"

    /// True for the faults that change how a created job ends or is cancelled (`fail`, `partial`, `late-cancel`)
    /// rather than the answer itself; only create routes act on them.
    var shapesOutcome: Bool {
        self == .fail || self == .partial || self == .lateCancel
    }
}
