/// Fixed vocabularies and numbers of the emulated Black Forest Labs API.
enum FluxCatalog {
    /// Where the API is served on the emulator; a Flux channel's base URL is the emulator's root plus this (the
    /// upstream paths are `/v1/...`, as at `https://api.bfl.ai`).
    static let basePath = "/bfl"
    /// Where samples are delivered, outside the API (no key, a signed URL that expires).
    static let deliveryPath = "/bfl/delivery"
    /// How long a sample URL works after the task is Ready, in seconds (BFL: about ten minutes).
    static let sampleLifetimeSeconds = 600.0
    /// The credits every account has (`GET /v1/credits`).
    static let credits = 1_000.0

    /// The kinds of model, by the fields they require.
    enum Kind: Sendable {
        /// [pro], [dev], 1.1: width/height 256–1440 in steps of 32; a prompt or an image prompt.
        case classic
        /// 1.1 ultra: an aspect ratio between 9:21 and 21:9.
        case ultra
        /// Kontext: a prompt; an aspect ratio between 3:7 and 7:3.
        case kontext
        /// Fill and expand: an image.
        case imageTool
        /// Canny and depth: a prompt and a control image (or a preprocessed one).
        case control
        /// FLUX.2: a prompt; width/height 64–2048 in steps of 16.
        case flux2
    }

    /// Every model the emulator serves.
    static let models: [String: Kind] = [
        "flux-pro-1.1": .classic, "flux-pro": .classic, "flux-dev": .classic, "flux-pro-1.1-ultra": .ultra, "flux-kontext-pro": .kontext,
        "flux-kontext-max": .kontext, "flux-pro-1.0-fill": .imageTool, "flux-pro-1.0-expand": .imageTool, "flux-pro-1.0-canny": .control,
        "flux-pro-1.0-depth": .control, "flux-2-pro": .flux2, "flux-2-max": .flux2, "flux-2-flex": .flux2,
    ]

    /// The prompt keyword that makes the request moderated (`Request Moderated` from the first poll).
    static let requestModeratedMarker = "[moderation:request]"
    /// The prompt keyword that makes the output moderated (`Content Moderated` when the work ends).
    static let contentModeratedMarker = "[moderation:content]"
    /// `details` of a task failed by the `fail` fault.
    static let emulatedFailure = "Generation failed (emulated)"
    /// The reason a moderated task names.
    static let moderationReason = "Emulated moderation"
}
