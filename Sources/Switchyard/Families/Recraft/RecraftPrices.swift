/// Recraft's default prices, its API list prices: per image by model, a vector (SVG) image twice a raster one and
/// `n` = 2 twice one image; each tool call at its own price; a custom style at the price of one raster image.
enum RecraftPrices {
    /// The fact that says whether a call's images are `vector` or `raster`.
    static let outputFact = "output"
    static let vector = "vector"
    static let raster = "raster"
    /// The fact that says how many images a call makes.
    static let countFact = "n"

    static let imageModifiers = [
        PriceModifier(fact: outputFact, equals: vector, multiplier: "2"),
        PriceModifier(fact: countFact, equals: "2", multiplier: "2"),
    ]

    static let rules: [PriceRule] = [
        PriceRule(family: "recraft", model: "recraftv3", action: RecraftOperation.generate.action, usd: "0.04", modifiers: imageModifiers),
        PriceRule(family: "recraft", model: "recraftv2", action: RecraftOperation.generate.action, usd: "0.022", modifiers: imageModifiers),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.imageToImage.action, usd: "0.04", modifiers: imageModifiers),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.inpaint.action, usd: "0.04", modifiers: imageModifiers),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.replaceBackground.action, usd: "0.04", modifiers: imageModifiers),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.vectorize.action, usd: "0.01"),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.removeBackground.action, usd: "0.01"),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.clarityUpscale.action, usd: "0.004"),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.generativeUpscale.action, usd: "0.25"),
        PriceRule(family: "recraft", model: "*", action: RecraftOperation.createStyle.action, usd: "0.04"),
    ]
}
