/// A validated create request: everything needed to store a new generation.
struct LumaGenerationPlan: Sendable {
    /// The generation_type to create.
    var kind: LumaGenerationKind
    /// Model reported on the generation.
    var model: String
    /// The request as echoed back in `request`, defaults filled in.
    var request: EmulatorJSON
    /// True for synchronous image requests, answered already finished.
    var finishedAtCreation = false
    /// Extension of the still-image asset ("jpg" or "png").
    var imageExtension = "jpg"
}
