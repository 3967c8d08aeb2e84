/// The kinds of Midjourney task, as the proxy names them in a task's `action`; each prices as its lowercase name
/// (`imagine`, `upscale`, `custom_zoom`…) within the call's speed tier.
public enum MidjourneyAction: String, Sendable, CaseIterable {
    case imagine = "IMAGINE"
    case upscale = "UPSCALE"
    case variation = "VARIATION"
    case reroll = "REROLL"
    case pan = "PAN"
    case zoom = "ZOOM"
    case customZoom = "CUSTOM_ZOOM"
    case inpaint = "INPAINT"
    case blend = "BLEND"
    case describe = "DESCRIBE"
    case shorten = "SHORTEN"
    case swapFace = "SWAP_FACE"
    case upload = "UPLOAD"
    /// A short video from an image (Midjourney's newer `/mj/submit/video`).
    case video = "VIDEO"
    /// An image edited by a prompt and an optional mask (`/mj/submit/edits`).
    case edits = "EDITS"
    /// A button of the upstream's that none of the above names (a newer upscaler, a describe retry).
    case action = "ACTION"

    /// The price table's action name.
    public var priceName: String { rawValue.lowercased() }

    /// The action a button's `customId` starts, by the proxy's grammar.
    init(customID: String) {
        let rules: [(prefix: String, action: MidjourneyAction)] = [
            ("MJ::JOB::upsample", .upscale), ("MJ::JOB::variation::", .variation), ("MJ::JOB::low_variation::", .variation),
            ("MJ::JOB::high_variation::", .variation), ("MJ::JOB::reroll::", .reroll), ("MJ::JOB::pan_", .pan), ("MJ::Outpaint::", .zoom),
            ("MJ::CustomZoom::", .customZoom), ("MJ::Inpaint::", .inpaint), ("MJ::Job::PicReader::", .imagine),
            ("MJ::Job::PromptAnalyzer::", .imagine),
        ]
        self = rules.first { customID.hasPrefix($0.prefix) }?.action ?? .action
    }
}
