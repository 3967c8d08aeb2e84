/// Flux's default prices: per image, Black Forest Labs' list prices (FLUX.2 at its 1-megapixel price).
enum FluxPrices {
    static let usd: [(model: String, usd: String)] = [
        ("flux-pro-1.1", "0.04"), ("flux-pro-1.1-ultra", "0.06"), ("flux-pro", "0.05"), ("flux-dev", "0.025"), ("flux-kontext-pro", "0.04"),
        ("flux-kontext-max", "0.08"), ("flux-pro-1.0-fill", "0.05"), ("flux-pro-1.0-expand", "0.05"), ("flux-pro-1.0-canny", "0.05"),
        ("flux-pro-1.0-depth", "0.05"), ("flux-2-pro", "0.03"), ("flux-2-max", "0.07"), ("flux-2-flex", "0.06"),
    ]

    static let rules: [PriceRule] = usd.map { PriceRule(family: "flux", model: $0.model, action: FluxFamily.imageAction, usd: $0.usd) }
}
