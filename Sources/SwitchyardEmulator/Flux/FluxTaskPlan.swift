/// What a Flux task makes, from a validated create body.
struct FluxTaskPlan: Sendable {
    /// How the task ends besides the kit's outcome faults.
    enum Moderation: Sendable, Equatable {
        case none
        /// `Request Moderated`: the prompt was refused; nothing is generated.
        case request
        /// `Content Moderated`: the image was made and withheld.
        case content
    }

    let model: String
    let prompt: String
    let seed: Int
    /// `jpeg` or `png`.
    let outputFormat: String
    let moderation: Moderation
}
