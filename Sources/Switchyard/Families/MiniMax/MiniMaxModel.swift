/// One video model of MiniMax's catalog as data: the durations and resolutions it makes, and the inputs it needs.
struct MiniMaxModel: Sendable {
    let name: String
    /// Seconds of video it makes; the first is the default.
    let durations: [Int]
    /// Output resolutions; the first is the default.
    let resolutions: [String]
    /// A resolution that only makes the shortest duration (Hailuo's 1080P is 6 s only).
    let shortOnly: Set<String>
    /// Needs a prompt (text-to-video models).
    let needsPrompt: Bool
    /// Needs `first_frame_image` (image-to-video models).
    let needsFirstFrame: Bool
    /// Needs `subject_reference` (subject-to-video).
    let needsSubject: Bool
    /// Takes `last_frame_image`.
    let takesLastFrame: Bool
}

extension MiniMaxModel {
    /// Every model the gateway takes, in MiniMax's order.
    static let catalog: [MiniMaxModel] = [
        hailuo("MiniMax-Hailuo-2.3", resolutions: ["768P", "1080P"], needsFirstFrame: false, lastFrame: false),
        hailuo("MiniMax-Hailuo-2.3-Fast", resolutions: ["768P", "1080P"], needsFirstFrame: true, lastFrame: false),
        hailuo("MiniMax-Hailuo-02", resolutions: ["768P", "512P", "1080P"], needsFirstFrame: false, lastFrame: true),
        legacy("T2V-01-Director", prompt: true), legacy("T2V-01", prompt: true), legacy("I2V-01-Director", firstFrame: true),
        legacy("I2V-01", firstFrame: true), legacy("I2V-01-live", firstFrame: true), legacy("S2V-01", subject: true),
    ]

    /// The model named `name`, if the catalog has it.
    static func named(_ name: String) -> MiniMaxModel? { catalog.first { $0.name == name } }

    static var names: [String] { catalog.map(\.name) }

    /// Output pixels of a resolution, as MiniMax reports `video_width` × `video_height` (landscape).
    static func dimensions(of resolution: String) -> (width: Int, height: Int) {
        switch resolution {
        case "512P": (912, 512)
        case "768P": (1366, 768)
        case "1080P": (1920, 1080)
        default: (1280, 720)
        }
    }

    private static func hailuo(_ name: String, resolutions: [String], needsFirstFrame: Bool, lastFrame: Bool) -> MiniMaxModel {
        MiniMaxModel(
            name: name, durations: [6, 10], resolutions: resolutions, shortOnly: ["1080P"], needsPrompt: false, needsFirstFrame: needsFirstFrame,
            needsSubject: false, takesLastFrame: lastFrame)
    }

    /// The 01 series: 6 s at 720P.
    private static func legacy(_ name: String, prompt: Bool = false, firstFrame: Bool = false, subject: Bool = false) -> MiniMaxModel {
        MiniMaxModel(
            name: name, durations: [6], resolutions: ["720P"], shortOnly: [], needsPrompt: prompt, needsFirstFrame: firstFrame, needsSubject: subject,
            takesLastFrame: false)
    }
}
