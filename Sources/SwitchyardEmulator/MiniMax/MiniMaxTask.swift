/// A MiniMax video task: a kit job whose plan is the video it makes.
typealias MiniMaxTask = EmulatorJob<MiniMaxTaskPlan>

/// What a task makes, from a validated create body.
struct MiniMaxTaskPlan: Sendable {
    let model: String
    let resolution: String
    let duration: Int
    /// The file the task makes: MiniMax's long decimal id.
    let fileID: Int
    /// Ends as Fail with 1027 (sensitive output).
    let sensitiveOutput: Bool

    var size: (width: Int, height: Int) {
        switch resolution {
        case "512P": (912, 512)
        case "768P": (1366, 768)
        case "1080P": (1920, 1080)
        default: (1280, 720)
        }
    }
}
