/// One Flux model of Black Forest Labs' catalog as data: the fields its endpoint takes, each with its rule and
/// default, and which inputs it cannot do without.
struct FluxModel: Sendable {
    /// One request field and what it accepts.
    struct Field: Sendable {
        enum Rule: Sendable {
            case text(maxLength: Int)
            /// An image as base64 or a URL.
            case image
            case integer(ClosedRange<Int>, multipleOf: Int = 1)
            case number(ClosedRange<Double>)
            case boolean
            case choice([String])
            /// `W:H`, no wider than `width`:`height` and no taller than `height`:`width`.
            case aspectRatio(width: Int, height: Int)
        }

        let name: String
        let rule: Rule
        /// What a request without the field gets (sent upstream and shown back); nil: left out.
        var defaultValue: JSONValue?
    }

    let name: String
    let fields: [Field]
    /// Groups of fields of which the request must give at least one (`prompt` or `image_prompt`).
    let needsOneOf: [[String]]

    /// The field named `name`, if the model takes it.
    func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

extension FluxModel {
    /// Every model of the catalog, in BFL's order.
    static let catalog: [FluxModel] = [
        classic("flux-pro-1.1", extra: []),
        FluxModel(
            name: "flux-pro-1.1-ultra",
            fields: [
                prompt, .init(name: "image_prompt", rule: .image),
                .init(name: "image_prompt_strength", rule: .number(0...1), defaultValue: .number(0.1)),
                .init(name: "aspect_ratio", rule: .aspectRatio(width: 21, height: 9), defaultValue: "16:9"),
                .init(name: "raw", rule: .boolean, defaultValue: false),
            ] + tail(), needsOneOf: [["prompt", "image_prompt"]]),
        classic(
            "flux-pro",
            extra: [
                .init(name: "steps", rule: .integer(1...50), defaultValue: 40),
                .init(name: "guidance", rule: .number(1.5...5), defaultValue: .number(2.5)),
                .init(name: "interval", rule: .number(1...4), defaultValue: 2),
            ]),
        classic(
            "flux-dev",
            extra: [.init(name: "steps", rule: .integer(1...50), defaultValue: 28), .init(name: "guidance", rule: .number(1.5...5), defaultValue: 3)]),
        kontext("flux-kontext-pro"),
        kontext("flux-kontext-max"),
        FluxModel(
            name: "flux-pro-1.0-fill",
            fields: [prompt, .init(name: "image", rule: .image), .init(name: "mask", rule: .image)] + tools(guidance: 60, range: 1.5...100) + tail(),
            needsOneOf: [["image"]]),
        FluxModel(
            name: "flux-pro-1.0-expand",
            fields: [prompt, .init(name: "image", rule: .image)]
                + ["top", "bottom", "left", "right"].map { .init(name: $0, rule: .integer(0...2048), defaultValue: 0) }
                + tools(guidance: 60, range: 1.5...100) + tail(),
            needsOneOf: [["image"]]),
        FluxModel(
            name: "flux-pro-1.0-canny",
            fields: [prompt, .init(name: "control_image", rule: .image), .init(name: "preprocessed_image", rule: .image)]
                + [
                    .init(name: "canny_low_threshold", rule: .integer(0...500), defaultValue: 50),
                    .init(name: "canny_high_threshold", rule: .integer(0...500), defaultValue: 200),
                ] + tools(guidance: 30, range: 1...100) + tail(),
            needsOneOf: [["prompt"], ["control_image", "preprocessed_image"]]),
        FluxModel(
            name: "flux-pro-1.0-depth",
            fields: [prompt, .init(name: "control_image", rule: .image), .init(name: "preprocessed_image", rule: .image)]
                + tools(guidance: 15, range: 1...100) + tail(),
            needsOneOf: [["prompt"], ["control_image", "preprocessed_image"]]),
        flux2("flux-2-pro", extra: []),
        flux2("flux-2-max", extra: []),
        flux2(
            "flux-2-flex",
            extra: [
                .init(name: "steps", rule: .integer(1...50), defaultValue: 50),
                .init(name: "guidance", rule: .number(1.5...10), defaultValue: .number(4.5)),
                .init(name: "prompt_upsampling", rule: .boolean, defaultValue: true),
            ]),
    ]

    /// The model named `name`, if the catalog has it.
    static func named(_ name: String) -> FluxModel? { catalog.first { $0.name == name } }

    /// Every model's name.
    static var names: [String] { catalog.map(\.name) }

    private static let prompt = Field(name: "prompt", rule: .text(maxLength: 10_000))

    /// The fields every model ends with: seed, moderation tolerance and the file format.
    private static func tail(tolerance: ClosedRange<Int> = 0...6) -> [Field] {
        [
            .init(name: "seed", rule: .integer(0...Int(UInt32.max))),
            .init(name: "safety_tolerance", rule: .integer(tolerance), defaultValue: 2),
            .init(name: "output_format", rule: .choice(["jpeg", "png"]), defaultValue: "jpeg"),
        ]
    }

    /// [pro], [dev] and 1.1: a prompt or an image prompt, and a size in pixels (256–1440, multiples of 32).
    private static func classic(_ name: String, extra: [Field]) -> FluxModel {
        let size = 256...1440
        return FluxModel(
            name: name,
            fields: [
                prompt, .init(name: "image_prompt", rule: .image), .init(name: "width", rule: .integer(size, multipleOf: 32), defaultValue: 1024),
                .init(name: "height", rule: .integer(size, multipleOf: 32), defaultValue: 768),
                .init(name: "prompt_upsampling", rule: .boolean, defaultValue: false),
            ] + extra + tail(), needsOneOf: [["prompt", "image_prompt"]])
    }

    /// Kontext: a prompt, an optional image to edit, and an aspect ratio between 3:7 and 7:3.
    private static func kontext(_ name: String) -> FluxModel {
        FluxModel(
            name: name,
            fields: [
                prompt, .init(name: "input_image", rule: .image),
                .init(name: "aspect_ratio", rule: .aspectRatio(width: 7, height: 3), defaultValue: "1:1"),
                .init(name: "prompt_upsampling", rule: .boolean, defaultValue: false),
            ] + tail(), needsOneOf: [["prompt"]])
    }

    /// The [pro] tools (fill, expand, canny, depth): steps 15–50 and each tool's guidance.
    private static func tools(guidance: Double, range: ClosedRange<Double>) -> [Field] {
        [
            .init(name: "steps", rule: .integer(15...50), defaultValue: 50),
            .init(name: "guidance", rule: .number(range), defaultValue: .number(guidance)),
            .init(name: "prompt_upsampling", rule: .boolean, defaultValue: false),
        ]
    }

    /// FLUX.2: a prompt, up to eight reference images, and a size of 64–2048 pixels in multiples of 16.
    private static func flux2(_ name: String, extra: [Field]) -> FluxModel {
        let references = ["input_image"] + (2...8).map { "input_image_\($0)" }
        return FluxModel(
            name: name,
            fields: [prompt] + references.map { .init(name: $0, rule: .image) }
                + [.init(name: "width", rule: .integer(64...2048, multipleOf: 16)), .init(name: "height", rule: .integer(64...2048, multipleOf: 16))]
                + extra + tail(tolerance: 0...5), needsOneOf: [["prompt"]])
    }
}
