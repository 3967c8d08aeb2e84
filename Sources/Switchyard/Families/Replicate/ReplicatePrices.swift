/// Replicate's default prices, per prediction (`predict`): image models per output image (the price times
/// `input.num_outputs`, as price modifiers on the `outputs` fact), a video model per run, a model billed by the
/// hardware time it takes per second of `predict_time` (held for `replicate.max_predict_seconds`, settled by the
/// prediction's `metrics.predict_time`), and any other model or deployment at one price per run.
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
        // Replicate's Nvidia L40S hardware, per second.
        PriceRule(family: "replicate", model: "bytedance/sdxl-lightning-4step", action: ReplicateFamily.predictAction, perSecond: "0.000975"),
        PriceRule(family: "replicate", model: "*", action: ReplicateFamily.predictAction, usd: "0.01"),
    ]
}
