/// Each call the emulated Ideogram answers, with the inputs it requires and the images it makes.
enum IdeogramEmulatorCall: String, Sendable, CaseIterable {
    case generate, remix, edit, upscale, describe
    case generate3 = "v1/ideogram-v3/generate"
    case edit3 = "v1/ideogram-v3/edit"
    case remix3 = "v1/ideogram-v3/remix"
    case reframe3 = "v1/ideogram-v3/reframe"
    case replaceBackground3 = "v1/ideogram-v3/replace-background"

    /// The counter key of the route, e.g. "POST /ideogram/generate".
    var route: String { "POST \(IdeogramCatalog.basePath)/\(rawValue)" }

    var isVersion3: Bool { rawValue.hasPrefix("v1/") }

    /// What the call makes: images, a description or nothing else.
    struct Plan: Sendable {
        var prompt: String
        var count: Int
        var width: Int
        var height: Int
        var seed: Int
        var styleType: String?
        var fileExtension: String
    }

    /// Checks `input` as Ideogram does for this call and plans the images.
    func plan(_ input: IdeogramEmulatorInput) throws -> Plan {
        switch self {
        case .remix, .upscale, .describe: try input.image("image_file")
        case .edit:
            try input.image("image_file")
            try input.image("mask")
        case .edit3:
            try input.image("image")
            try input.image("mask")
        case .remix3, .reframe3, .replaceBackground3: try input.image("image")
        case .generate, .generate3: break
        }
        let promptRequired = ![.upscale, .describe, .reframe3].contains(self)
        let prompt = try input.string("prompt", required: promptRequired) ?? ""
        let count = self == .describe ? 1 : try input.int("num_images", in: 1...8) ?? 1
        let seed = try input.int("seed", in: 0...2_147_483_647) ?? Int.random(in: 0...2_147_483_647)
        var size = (width: 1024, height: 1024)
        var styleType: String? = "GENERAL"
        var magic: String?
        if isVersion3 {
            _ = try input.string("rendering_speed", from: IdeogramCatalog.renderingSpeeds)
            magic = try input.string("magic_prompt", from: IdeogramCatalog.magicPromptOptions)
            styleType = try input.string("style_type", from: IdeogramCatalog.version3StyleTypes) ?? "GENERAL"
            if let ratio = try input.string("aspect_ratio", from: IdeogramCatalog.version3AspectRatios) {
                size = IdeogramCatalog.size(ofAspectRatio: ratio)
            }
            if let resolution = try input.string("resolution", required: self == .reframe3) {
                size = try Self.sides(resolution.split(separator: "x"), field: "resolution")
            }
        } else {
            magic = try input.string("magic_prompt_option", from: IdeogramCatalog.magicPromptOptions)
            let model = try input.string("model", required: self == .edit, from: self == .edit ? IdeogramCatalog.editModels : IdeogramCatalog.models)
            if let ratio = try input.string("aspect_ratio", from: IdeogramCatalog.aspectRatios) { size = IdeogramCatalog.size(ofAspectRatio: ratio) }
            if let resolution = try input.string("resolution") {
                guard input.fields["aspect_ratio"] == nil else { throw EmulatorHTTPError.badRequest("resolution: cannot be used with aspect_ratio") }
                size = try Self.sides(resolution.replacingOccurrences(of: "RESOLUTION_", with: "").split(separator: "_"), field: "resolution")
            }
            styleType = try input.string("style_type", from: IdeogramCatalog.styleTypes) ?? (model?.hasPrefix("V_1") == true ? nil : "AUTO")
            if self == .upscale { size = (size.width * 2, size.height * 2) }
        }
        // Magic prompt ON rewrites the prompt, and Ideogram answers the prompt it drew.
        let drawn = magic == "ON" && !prompt.isEmpty ? prompt + IdeogramCatalog.magicPromptSuffix : prompt
        return Plan(
            prompt: drawn, count: count, width: size.width, height: size.height, seed: seed, styleType: styleType,
            fileExtension: self == .upscale ? "jpg" : "png")
    }

    /// Two sides from `parts`, each 256–2048 pixels in steps of 16.
    private static func sides(_ parts: [Substring], field: String) throws -> (width: Int, height: Int) {
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 2, numbers.allSatisfy({ (256...2048).contains($0) && $0 % 16 == 0 }) else {
            throw EmulatorHTTPError.badRequest("\(field): not a supported resolution")
        }
        return (numbers[0], numbers[1])
    }
}
