/// Replicate's default prices, per prediction (`predict`): image models per output image (the price times
/// `input.num_outputs`, as price modifiers on the `outputs` fact), a video model per run, and any other model or
/// deployment at one price per run. Per second of `predict_time` is not offered: a task's hold settles as it was
/// quoted, so a price measured after the run cannot be charged.
enum ReplicatePrices {
    /// One image of `model` at `usd`, times the number of outputs asked.
    static func perOutput(_ model: String, usd: String) -> PriceRule {
        PriceRule(
            family: "replicate", model: model, action: ReplicateFamily.predictAction, usd: usd,
            modifiers: (2...ReplicateRequestValidator.maxOutputs).map { PriceModifier(fact: "outputs", equals: String($0), multiplier: String($0)) })
    }

    static let rules: [PriceRule] = [
        perOutput("black-forest-labs/flux-schnell", usd: "0.003"),
        perOutput("stability-ai/sdxl", usd: "0.004"),
        PriceRule(family: "replicate", model: "minimax/video-01", action: ReplicateFamily.predictAction, usd: "0.50"),
        PriceRule(family: "replicate", model: "*", action: ReplicateFamily.predictAction, usd: "0.01"),
    ]
}
