/// What one emulated prediction makes: its model and version, its input as sent, and how many files.
struct ReplicatePredictionPlan: Sendable {
    let model: ReplicateCatalog.Model
    let version: String
    let input: EmulatorJSON
    /// Files it outputs (`num_outputs` for image models, one video otherwise).
    let outputs: Int
}

/// A prediction: a kit job whose plan is the model run.
typealias ReplicatePrediction = EmulatorJob<ReplicatePredictionPlan>
