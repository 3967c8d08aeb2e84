/// What a validated Runway create makes: its route, its output kind, and how it is to end.
struct RunwayTaskPlan: Sendable {
    /// The create route, e.g. "image_to_video".
    let route: String
    let model: String
    /// True when the output is an image (`text_to_image`), else a video.
    let makesImage: Bool
    /// True when the prompt asked for a moderation refusal (`[fault:safety]`).
    let refusedByModeration: Bool
    /// True when the prompt asked to wait throttled before running (`[fault:throttled]`).
    let throttled: Bool
}
